use super::*;

#[test]
fn the_paired_outcome_at_every_boundary() {
    let p = Paired::new;
    // caseness: PHQ-9 10 (not 9), GAD-7 8 (not 7), on either
    assert!(p((10.0, 9.0), (5.0, 5.0)).recovery);
    assert!(!p((9.0, 4.0), (7.0, 2.0)).recovery, "neither at caseness at baseline");
    assert!(p((9.0, 4.0), (8.0, 7.0)).recovery, "GAD-7 8 is caseness, 7 is not");
    assert!(!p((12.0, 9.0), (9.0, 8.0)).recovery, "GAD-7 still at caseness now");
    assert!(!p((12.0, 10.0), (6.0, 2.0)).recovery, "PHQ-9 still at caseness now");
    // reliable change: 6 on the PHQ-9 (not 5), 4 on the GAD-7 (not 3)
    assert!(p((15.0, 9.0), (6.0, 6.0)).reliable_improvement);
    assert!(!p((15.0, 10.0), (6.0, 6.0)).reliable_improvement, "a drop of 5");
    assert!(p((6.0, 6.0), (12.0, 8.0)).reliable_improvement);
    assert!(!p((6.0, 6.0), (12.0, 9.0)).reliable_improvement, "a drop of 3");
    assert!(p((6.0, 12.0), (5.0, 5.0)).reliable_deterioration);
    assert!(!p((6.0, 11.0), (5.0, 5.0)).reliable_deterioration, "a rise of 5");
    assert!(p((6.0, 6.0), (5.0, 9.0)).reliable_deterioration);
    assert!(!p((6.0, 6.0), (5.0, 8.0)).reliable_deterioration, "a rise of 3");
    // better on one, worse on the other: deterioration, never improvement
    let mixed = p((18.0, 8.0), (6.0, 12.0));
    assert!(mixed.reliable_deterioration && !mixed.reliable_improvement && !mixed.reliable_recovery);
    // reliable recovery: recovery and reliable improvement
    let rr = p((16.0, 6.0), (12.0, 5.0));
    assert!(rr.recovery && rr.reliable_improvement && rr.reliable_recovery);
    assert_eq!(rr.labels(), ["reliable recovery", "reliable improvement"]);
    let r_only = p((11.0, 8.0), (8.0, 7.0));
    assert!(r_only.recovery && !r_only.reliable_improvement && !r_only.reliable_recovery);
    // weekly means: 5.9 is not a reliable drop of 6
    assert!(!p((15.0, 9.1), (6.0, 6.0)).reliable_improvement);
}

/// Means of three days meet a threshold exactly although their
/// floating-point difference falls short of it (32/3 − 14/3 = 6).
#[test]
fn a_change_between_means_that_meets_a_threshold_exactly_counts() {
    let (base, now) = (32.0 / 3.0, 14.0 / 3.0);
    assert!(base - now < RELIABLE_CHANGE, "the arithmetic this test is about");
    assert!(Paired::new((base, now), (6.0, 6.0)).reliable_improvement);
    assert!(Paired::new((now, base), (6.0, 6.0)).reliable_deterioration);
    assert!(labels(base, now).contains(&Label::ReliableImprovement));
    assert!(labels(now, base).contains(&Label::ReliableDeterioration));
    // 29/3 − 14/3 = 5: the MCID, both ways
    let (hi, lo) = (29.0 / 3.0, 14.0 / 3.0);
    assert!(hi - lo < MCID, "the arithmetic this test is about");
    assert!(labels(hi, lo).contains(&Label::ClinicallyImportantImprovement));
    assert!(labels(lo, hi).contains(&Label::ClinicallyImportantWorsening));
    assert_eq!(plain_words(now - base, BaselineKind::BaselinePeriod), "much better than before the session");
    // a third of a point short is short
    assert!(!Paired::new((32.0 / 3.0, 15.0 / 3.0), (6.0, 6.0)).reliable_improvement);
    assert!(!labels(32.0 / 3.0, 15.0 / 3.0).contains(&Label::ReliableImprovement));
}

#[test]
fn scores_for_people_round_to_one_decimal_without_minus_zero() {
    assert_eq!(score(12.0), "12");
    assert_eq!(score(19.214285714285715), "19.2");
    assert_eq!(score(14.96), "15");
    assert_eq!(score(-0.04), "0");
    assert_eq!(signed(-15.214285714285715), "-15.2");
    assert_eq!(signed(6.0), "+6");
    assert_eq!(signed(0.02), "0");
}

fn pts(v: &[(i64, u8)]) -> Vec<Point> {
    v.iter().map(|&(day, total)| Point { day, total }).collect()
}

#[test]
fn baseline_is_the_mean_of_days_minus_14_to_minus_1() {
    // day -20 and day 0 are outside the period
    let b = baseline(&pts(&[(-20, 27), (-14, 20), (-5, 17), (-1, 18), (0, 3), (3, 12)])).unwrap();
    assert_eq!(
        (b.value, b.kind, b.n, b.day, b.through),
        (55.0 / 3.0, BaselineKind::BaselinePeriod, 3, None, -1)
    );
    assert!(b.describe().starts_with("18.3 (mean of 3 PHQ-9s"), "{}", b.describe());
}

#[test]
fn baseline_falls_back_in_order() {
    let b = baseline(&pts(&[(-30, 20), (-15, 18), (0, 17), (3, 12)])).unwrap();
    assert_eq!((b.value, b.kind, b.day), (18.0, BaselineKind::BeforeDosing, Some(-15)));
    let b = baseline(&pts(&[(0, 17), (3, 12)])).unwrap();
    assert_eq!((b.value, b.kind, b.day), (17.0, BaselineKind::DayZero, Some(0)));
    assert!(b.describe().contains("may be after the session"));
    let b = baseline(&pts(&[(2, 16), (5, 12)])).unwrap();
    assert_eq!((b.value, b.kind, b.day), (16.0, BaselineKind::PostDose, Some(2)));
    assert_eq!(baseline(&[]), None);
}

#[test]
fn day_zero_counts_as_a_current_value_after_a_period_baseline() {
    let o = outcome(&pts(&[(-3, 20), (0, 8)])).unwrap();
    assert_eq!(o.latest.unwrap().0.day, 0);
}

#[test]
fn label_definitions_at_their_edges() {
    use Label::*;
    // reliable improvement needs 6, MCID 5
    assert_eq!(labels(8.0, 3.0), vec![Remission, ClinicallyImportantImprovement]);
    assert_eq!(labels(8.0, 2.0), vec![Remission, ReliableImprovement, ClinicallyImportantImprovement]);
    // response: baseline ≥ 10 and current ≤ half
    assert!(labels(20.0, 10.0).contains(&Response));
    assert!(!labels(20.0, 11.0).contains(&Response));
    assert!(!labels(9.0, 4.0).contains(&Response), "below caseness at baseline");
    // recovery: caseness and below 10; reliable recovery needs a drop of 6
    assert!(labels(12.0, 9.0).contains(&Recovery));
    assert!(!labels(12.0, 9.0).contains(&ReliableRecovery));
    assert!(labels(15.0, 9.0).contains(&ReliableRecovery));
    assert!(!labels(9.0, 3.0).contains(&Recovery));
    // remission: strictly below 5
    assert!(!labels(12.0, 5.0).contains(&Remission));
    assert!(labels(12.0, 4.0).contains(&Remission));
    // deterioration
    assert_eq!(labels(5.0, 10.0), vec![ClinicallyImportantWorsening]);
    assert_eq!(labels(5.0, 11.0), vec![ClinicallyImportantWorsening, ReliableDeterioration]);
    assert!(labels(10.0, 10.0).is_empty());
}

#[test]
fn label_names_are_what_serde_writes() {
    for l in Label::ALL {
        assert_eq!(serde_json::to_value(l).unwrap(), l.key());
        assert!(l.short().chars().count() <= 14 && !l.definition().is_empty());
    }
    assert_eq!(Label::ClinicallyImportantImprovement.key(), "clinically_important_improvement");
}

#[test]
fn the_participant_reads_the_baseline_and_the_change_in_plain_words() {
    let b = |kind, n, day| Baseline { value: 13.0, kind, n, day, through: 0 };
    let post = b(BaselineKind::PostDose, 1, Some(22));
    assert_eq!(post.plain(), "Your starting score: 13, from your first check-in after the session");
    assert!(post.describe().contains("post-dose baseline"), "the clinical words stay: {}", post.describe());
    let period = b(BaselineKind::BaselinePeriod, 14, None).plain();
    assert_eq!(period, "Your starting score: 13, from the average of your 14 PHQ-9s before the session");
    assert!(
        b(BaselineKind::BeforeDosing, 1, Some(-20))
            .plain_of("GAD-7")
            .ends_with("your last GAD-7 before the session")
    );
    assert_eq!(
        b(BaselineKind::DayZero, 1, Some(0)).plain(),
        "Your starting score: 13, from the day of the session"
    );
    for kind in [
        BaselineKind::BaselinePeriod,
        BaselineKind::BeforeDosing,
        BaselineKind::DayZero,
        BaselineKind::PostDose,
    ] {
        let plain = b(kind, 2, Some(1)).plain();
        assert!(!plain.contains("baseline") && !plain.contains("dose") && !plain.contains("mean"), "{plain}");
    }
    assert_eq!(plain_change(-12.2), "12.2 lower than your starting score");
    assert_eq!(plain_change(3.0), "3 higher than your starting score");
    assert_eq!(plain_change(0.01), "the same as your starting score");
}

#[test]
fn plain_words_follow_the_thresholds() {
    assert_eq!(plain_words(-6.0, BaselineKind::BaselinePeriod), "much better than before the session");
    assert_eq!(plain_words(-5.0, BaselineKind::BeforeDosing), "better than before the session");
    assert_eq!(plain_words(-4.9, BaselineKind::BaselinePeriod), "about the same as before the session");
    assert_eq!(plain_words(4.0, BaselineKind::BaselinePeriod), "about the same as before the session");
    assert_eq!(plain_words(5.0, BaselineKind::BaselinePeriod), "harder than before the session");
    assert_eq!(plain_words(6.5, BaselineKind::BaselinePeriod), "much harder than before the session");
    // a baseline from after the session never says "before the session"
    assert_eq!(
        plain_words(-6.0, BaselineKind::PostDose),
        "much better than at your first check-in after the session"
    );
    assert_eq!(plain_words(0.0, BaselineKind::DayZero), "about the same as on the day of the session");
}

#[test]
fn headline_drops_implied_labels() {
    use Label::*;
    let all = labels(20.0, 3.0);
    assert_eq!(
        all,
        vec![
            ReliableRecovery,
            Recovery,
            Remission,
            Response,
            ReliableImprovement,
            ClinicallyImportantImprovement
        ]
    );
    assert_eq!(headline(&all), vec![ReliableRecovery, Remission, Response]);
    assert_eq!(headline(&labels(5.0, 11.0)), vec![ReliableDeterioration]);
    assert_eq!(headline(&labels(8.0, 3.0)), vec![Remission, ClinicallyImportantImprovement]);
}

#[test]
fn latest_and_seven_day_mean() {
    let series = pts(&[(-1, 20), (1, 18), (2, 16), (3, 14), (4, 12), (5, 10), (6, 8), (7, 6), (8, 4)]);
    let o = outcome(&series).unwrap();
    assert_eq!(o.baseline.value, 20.0);
    let (p, change) = o.latest.unwrap();
    assert_eq!(p.day, 8);
    assert_eq!(change, -16.0);
    let (n, mean) = o.recent_mean.unwrap();
    assert_eq!(n, 7);
    // days 2..=8: 16+14+12+10+8+6+4 = 70 → 10.0
    assert_eq!(mean, 10.0);
    // now: week 2 (days 8..=14) holds day 8 alone; week 1 is days 1..=7
    let now = o.now.unwrap();
    assert_eq!((now.week, now.n, now.assessment.value), (2, 1, 4.0));
    assert!(now.assessment.labels.contains(&Label::Remission));
}

#[test]
fn only_a_baseline_has_no_outcome_yet() {
    let o = outcome(&pts(&[(0, 14)])).unwrap();
    assert_eq!(o.latest, None);
    assert_eq!(o.recent_mean, None);
    assert_eq!(o.now, None);
    assert_eq!(outcome(&[]), None);
}

#[test]
fn the_labels_are_of_the_latest_scored_week_never_of_one_day() {
    // baseline 20; week 3 runs 12, 12, 12, 12, 12, 12 and then one day of 9
    let mut v: Vec<(i64, u8)> = (-14..=-1).map(|d| (d, 20)).collect();
    v.extend((15..=20).map(|d| (d, 12)));
    v.push((21, 9));
    let out = outcome(&pts(&v)).unwrap();
    let (latest, change) = out.latest.unwrap();
    assert_eq!((latest.total, change), (9, -11.0), "the latest score, shown as it is");
    let now = out.now.unwrap();
    assert_eq!((now.week, now.n), (3, 7));
    assert!((now.assessment.value - 81.0 / 7.0).abs() < 1e-9);
    // 9 alone would read "reliable recovery"; the week's mean of 11.6 does not
    assert!(labels(20.0, 9.0).contains(&Label::ReliableRecovery));
    assert!(!now.assessment.labels.contains(&Label::Recovery), "{:?}", now.assessment.labels);
    assert!(!now.assessment.labels.contains(&Label::ReliableRecovery));
    assert!(now.assessment.labels.contains(&Label::ReliableImprovement));
}
