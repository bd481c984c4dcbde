"""Validate a followup FHIR export with the fhir.resources R4B models and
check the codes the README promises.

usage: check_fhir.py BUNDLE.json
"""
import json
import sys

from fhir.resources.R4B.bundle import Bundle

PHQ9_ITEMS = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"]
GAD7_ITEMS = ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"]

raw = open(sys.argv[1], encoding="utf-8").read()
bundle = Bundle.model_validate_json(raw)
assert bundle.type == "collection", bundle.type
doc = json.loads(raw)
resources = [e["resource"] for e in doc["entry"]]
kinds = [r["resourceType"] for r in resources]

patients = [r for r in resources if r["resourceType"] == "Patient"]
assert len(patients) == 1, kinds
assert set(patients[0]) <= {"resourceType", "id", "identifier"}, "no name, no birth date"

responses = [r for r in resources if r["resourceType"] == "QuestionnaireResponse"]
qrs = [r for r in responses if r["questionnaire"] == "http://loinc.org/q/44249-1"]
gads = [r for r in responses if r["questionnaire"] == "http://loinc.org/q/69737-5"]
assert qrs, "no PHQ-9"
assert len(qrs) + len(gads) == len(responses), "only the PHQ-9 and the GAD-7"
for qr in gads:
    assert qr["status"] in ("completed", "amended")
    assert [i["linkId"] for i in qr["item"]] == GAD7_ITEMS, qr["item"]
    for item in qr["item"]:
        coding = item["answer"][0]["valueCoding"]
        assert coding["system"] == "http://loinc.org" and coding["code"] in ("LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"), coding
gad_totals = [r for r in resources if r["resourceType"] == "Observation" and r["code"]["coding"][0]["code"] == "70274-6"]
assert len(gad_totals) == len(gads)
for o, qr in zip(gad_totals, gads):
    answers = [{"LA6568-5": 0, "LA6569-3": 1, "LA6570-1": 2, "LA6571-9": 3}[i["answer"][0]["valueCoding"]["code"]] for i in qr["item"]]
    assert o["valueInteger"] == sum(answers), (o["valueInteger"], answers)
    assert o["derivedFrom"][0]["reference"].startswith("urn:uuid:")
for qr in qrs:
    assert qr["questionnaire"] == "http://loinc.org/q/44249-1"
    assert qr["status"] in ("completed", "amended")
    links = [i["linkId"] for i in qr["item"]]
    assert links[:9] == PHQ9_ITEMS, links
    for item in qr["item"]:
        coding = item["answer"][0]["valueCoding"]
        assert coding["system"] == "http://loinc.org" and coding["code"].startswith("LA"), coding

totals = [r for r in resources if r["resourceType"] == "Observation" and r["code"]["coding"][0]["code"] == "44261-6"]
assert len(totals) == len(qrs)
for o in totals:
    assert o["category"][0]["coding"][0]["code"] == "survey"
    assert 0 <= o["valueInteger"] <= 27
    assert o["interpretation"][0]["coding"][0]["code"] in ("LA6708-7", "LA6709-5", "LA6710-3", "LA6711-1", "LA6712-9")
    assert o["derivedFrom"][0]["reference"].startswith("urn:uuid:")

moods = [r for r in resources if r["resourceType"] == "Observation" and r["code"]["coding"][0]["system"] == "urn:followup:codesystem:mood"]
assert moods, "no mood observations"
for m in moods:
    codes = [c["code"]["coding"][0]["code"] for c in m["component"]]
    assert codes[0] == "mood", codes

flags = [r for r in resources if r["resourceType"] == "Flag"]
assert kinds[: len(flags)] == ["Flag"] * len(flags), "safety flags come first"
print(f"ok: FHIR R4B Bundle valid: {len(qrs)} PHQ-9 and {len(gads)} GAD-7 responses, {len(moods)} mood observations, {len(flags)} safety flags")
