//! A FHIR R4 `Bundle` of type `collection`: a Patient known only by the
//! participant code, a QuestionnaireResponse and a total-score Observation
//! per PHQ-9, an Observation per mood entry, and a `Flag` per item-9 day
//! (first in the bundle). Retracted entries are left out.

use super::native::Export;
use crate::instrument::Gad7;
use crate::instrument::phq9::{self, DIFFICULTY_ANSWERS, ITEMS, Phq9};
use crate::instrument::{Mood, Severity};
use crate::record::{Entry, Record};
use serde_json::{Value, json};

/// The participant code's identifier system.
pub const PARTICIPANT_SYSTEM: &str = "urn:followup:participant";
/// Codes for the mood entry and its fields (documented in the README).
pub const MOOD_SYSTEM: &str = "urn:followup:codesystem:mood";
/// Tags on resources: `late`.
pub const TAG_SYSTEM: &str = "urn:followup:codesystem:tag";
const LOINC: &str = "http://loinc.org";

fn severity_display(s: Severity) -> &'static str {
    match s {
        Severity::None => "Minimal depression",
        Severity::Mild => "Mild depression",
        Severity::Moderate => "Moderate depression",
        Severity::ModeratelySevere => "Moderately severe depression",
        Severity::Severe => "Severe depression",
    }
}

fn uuid() -> String {
    format!("urn:uuid:{}", uuid::Uuid::new_v4())
}

fn loinc(code: &str, display: &str) -> Value {
    json!({ "system": LOINC, "code": code, "display": display })
}

/// The bundle for an export.
pub fn bundle(export: &Export) -> Value {
    let journal = &export.journal;
    let window = journal.window();
    let patient_url = uuid();
    let subject = json!({ "reference": patient_url });
    let mut entries: Vec<Value> = Vec::new();
    let mut push = |full_url: String, resource: Value| {
        entries.push(json!({ "fullUrl": full_url, "resource": resource }))
    };

    for f in &export.safety_flags {
        push(
            uuid(),
            json!({
                "resourceType": "Flag",
                "id": format!("safety-{}", f.entry_id),
                "status": "active",
                "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/flag-category", "code": "clinical", "display": "Clinical" }] }],
                "code": {
                    "coding": [loinc(ITEMS[8].loinc, ITEMS[8].text)],
                    "text": format!("Safety: PHQ-9 item 9 answered {} ({}) on {} (day {})", f.item9, phq9::ANSWERS[usize::from(f.item9.min(3))].label, f.date, f.day)
                },
                "subject": subject,
                "period": { "start": f.date.to_string() }
            }),
        );
    }
    push(
        patient_url.clone(),
        json!({
            "resourceType": "Patient",
            "id": "participant",
            "identifier": [{ "system": PARTICIPANT_SYSTEM, "value": journal.profile.participant }]
        }),
    );
    for e in journal.current_entries() {
        let day = window.day_of(e.day());
        match e.record() {
            Record::Phq9(p) => {
                let qr_url = uuid();
                push(qr_url.clone(), questionnaire_response(e, p, &subject));
                if let Some(obs) = total_observation(e, p, &subject, &qr_url, day) {
                    push(uuid(), obs);
                }
            }
            Record::Gad7(g) => {
                let qr_url = uuid();
                push(qr_url.clone(), gad7_response(e, g, &subject));
                if let Some(obs) = gad7_total(e, g, &subject, &qr_url, day) {
                    push(uuid(), obs);
                }
            }
            Record::Mood(m) => push(uuid(), mood_observation(e, m, &subject, day)),
        }
    }
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": export.meta.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        "entry": entries
    })
}

fn status(e: &Entry, corrected: &'static str, original: &'static str) -> &'static str {
    if e.is_corrected() { corrected } else { original }
}

fn meta(e: &Entry) -> Value {
    if e.is_late() {
        json!({ "tag": [{ "system": TAG_SYSTEM, "code": "late", "display": "recorded after the day it is for" }] })
    } else {
        json!({})
    }
}

fn instant(e: &Entry) -> String {
    e.current().recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

fn questionnaire_response(e: &Entry, p: &Phq9, subject: &Value) -> Value {
    let mut items: Vec<Value> = ITEMS
        .iter()
        .zip(p.answers())
        .filter_map(|(item, a)| {
            let a = phq9::ANSWERS[usize::from((*a)?)];
            Some(json!({ "linkId": item.loinc, "text": item.text, "answer": [{ "valueCoding": loinc(a.loinc, a.label) }] }))
        })
        .collect();
    if let Some(d) = p.difficulty() {
        let a = DIFFICULTY_ANSWERS[usize::from(d)];
        items.push(json!({ "linkId": phq9::DIFFICULTY_LOINC, "text": phq9::DIFFICULTY_TEXT, "answer": [{ "valueCoding": loinc(a.loinc, a.label) }] }));
    }
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": format!("phq9-{}", e.id),
        "meta": meta(e),
        "questionnaire": phq9::QUESTIONNAIRE_URL,
        "status": status(e, "amended", "completed"),
        "subject": subject,
        "authored": instant(e),
        "item": items
    })
}

fn total_observation(e: &Entry, p: &Phq9, subject: &Value, qr_url: &str, day: i64) -> Option<Value> {
    let score = p.score()?;
    let severity = Severity::of(score.total);
    let mut obs = json!({
        "resourceType": "Observation",
        "id": format!("phq9-total-{}", e.id),
        "meta": meta(e),
        "status": status(e, "amended", "final"),
        "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey", "display": "Survey" }] }],
        "code": { "coding": [loinc(phq9::TOTAL_LOINC, "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]")] },
        "subject": subject,
        "effectiveDateTime": e.day().to_string(),
        "issued": instant(e),
        "valueInteger": score.total,
        "interpretation": [{ "coding": [loinc(severity.loinc(), severity_display(severity))], "text": severity.label() }],
        "derivedFrom": [{ "reference": qr_url }],
        "note": [{ "text": format!("Day {day} of the follow-up window") }]
    });
    if score.prorated {
        obs["note"]
            .as_array_mut()
            .expect("note is an array")
            .push(json!({ "text": format!("Prorated from {} answered items", 9 - p.missing_items()) }));
    }
    Some(obs)
}

/// A GAD-7 as a `QuestionnaireResponse` to the LOINC panel 69737-5, its
/// items linked by their LOINC codes, from the questionnaire's description.
fn gad7_response(e: &Entry, g: &Gad7, subject: &Value) -> Value {
    let q = &crate::instrument::GAD7;
    let items: Vec<Value> = q
        .items
        .iter()
        .zip(g.answers())
        .filter_map(|(item, a)| {
            let a = q.answers[usize::from((*a)?)];
            Some(json!({ "linkId": item.loinc, "text": item.text, "answer": [{ "valueCoding": loinc(a.loinc, a.label) }] }))
        })
        .collect();
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": format!("gad7-{}", e.id),
        "meta": meta(e),
        "questionnaire": q.questionnaire_url,
        "status": status(e, "amended", "completed"),
        "subject": subject,
        "authored": instant(e),
        "item": items
    })
}

/// The GAD-7 total (LOINC 70274-6), derived from its response.
fn gad7_total(e: &Entry, g: &Gad7, subject: &Value, qr_url: &str, day: i64) -> Option<Value> {
    let q = &crate::instrument::GAD7;
    let total = g.total()?;
    let band = q.band(total);
    Some(json!({
        "resourceType": "Observation",
        "id": format!("gad7-total-{}", e.id),
        "meta": meta(e),
        "status": status(e, "amended", "final"),
        "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey", "display": "Survey" }] }],
        "code": { "coding": [loinc(q.total_loinc, "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]")] },
        "subject": subject,
        "effectiveDateTime": e.day().to_string(),
        "issued": instant(e),
        "valueInteger": total,
        "interpretation": [{ "text": format!("{} ({})", band.label, q.band_range(band)) }],
        "derivedFrom": [{ "reference": qr_url }],
        "note": [{ "text": format!("Day {day} of the follow-up window") }]
    }))
}

fn mood_observation(e: &Entry, m: &Mood, subject: &Value, day: i64) -> Value {
    let code = |c: &str, d: &str| json!({ "coding": [{ "system": MOOD_SYSTEM, "code": c, "display": d }] });
    let mut components =
        vec![json!({ "code": code("mood", "Mood, 0 (worst) to 10 (best)"), "valueInteger": m.mood() })];
    if let Some(a) = m.anxiety() {
        components.push(json!({ "code": code("anxiety", "Anxiety, 0 to 10"), "valueInteger": a }));
    }
    if let Some(en) = m.energy() {
        components.push(json!({ "code": code("energy", "Energy, 0 to 10"), "valueInteger": en }));
    }
    if let Some(h) = m.sleep() {
        components.push(json!({
            "code": code("sleep", "Sleep, hours"),
            "valueQuantity": { "value": h.hours(), "unit": "h", "system": "http://unitsofmeasure.org", "code": "h" }
        }));
    }
    for t in m.tags() {
        components.push(json!({ "code": code("tag", "Tag"), "valueString": t }));
    }
    let mut notes = vec![json!({ "text": format!("Day {day} of the follow-up window") })];
    if let Some(n) = m.note() {
        notes.push(json!({ "text": n }));
    }
    json!({
        "resourceType": "Observation",
        "id": format!("mood-{}", e.id),
        "meta": meta(e),
        "status": status(e, "amended", "final"),
        "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey", "display": "Survey" }] }],
        "code": code("mood-entry", "Daily mood entry"),
        "subject": subject,
        "effectiveDateTime": e.day().to_string(),
        "issued": instant(e),
        "component": components,
        "note": notes
    })
}
