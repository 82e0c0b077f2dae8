//! Site status speed: one site, and a 100,000-site estate.
//!
//! Run with `cargo bench --bench sites`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use spf_core::site::{
    Approval, BusinessAreaContact, ControlInPlace, CtPlan, ResponseLevel, ResponseOverride,
    ResponsibilityOwners, RiskAssessmentRecord, Site, SiteTier, ThreatAssessment,
    ThreatChangeRequest, ThreatLevel,
};
use spf_core::{Date, Engine};

fn day(year: i32, month: u32, day: u32) -> Date {
    Date::from_ymd(year, month, day).unwrap_or_else(|| unreachable!("valid benchmark date"))
}

/// A typical site: a plan tested 20 months ago, a risk assessment in date, a
/// documented threat assessment, its content recorded with gaps.
fn typical_site(id: usize) -> Site {
    Site {
        id: format!("MOJ-{id:06}"),
        name: "Crown Court".into(),
        business_area: Some("HMCTS".into()),
        security_officer: None,
        emergency_arrangements: None,
        // Considered everything but other threats; one owner named.
        risk_assessment: Some(RiskAssessmentRecord {
            impact: true,
            threat: true,
            likelihood: true,
            vulnerability: true,
            terrorist_threats: true,
            other_threats: false,
            owners: ResponsibilityOwners {
                baseline_measures: Some("Court manager".into()),
                ..ResponsibilityOwners::default()
            },
        }),
        tier: SiteTier::Moderate,
        tier_assessed: day(2026, 3, 1),
        ct_plan: Some(CtPlan {
            varies_by_response_level: true,
            last_tested: Some(day(2025, 3, 20)),
        }),
        threat_assessment: Some(ThreatAssessment {
            threat_documented: true,
            mitigation_documented: true,
        }),
        risk_assessed: Some(day(2026, 1, 15)),
        response_override: None,
        exceptional_reviewed: None,
        // The baseline at moderate and normal, and some of heightened's: a
        // comparison with gaps to list at the higher levels.
        controls_in_place: Some(
            [
                "emergencyResponsePlan",
                "evacuationReadiness",
                "staffBriefing",
                "accessAndPassChecks",
                "vettingChecks",
                "cctvMonitoring",
                "patrols",
            ]
            .into_iter()
            .enumerate()
            .map(|(i, control)| ControlInPlace {
                control: control.into(),
                verified_on: if i == 5 {
                    day(2025, 6, 1)
                } else {
                    day(2026, 2, 1)
                },
            })
            .collect(),
        ),
    }
}

/// An estate with every tier, and plans, assessments and overrides in all states,
/// spread deterministically.
fn estate(size: usize) -> Vec<Site> {
    (0..size)
        .map(|i| {
            let mut site = typical_site(i);
            site.tier = SiteTier::ALL.get(i % 3).copied().unwrap_or(SiteTier::Low);
            // Four business areas, and some sites that record none.
            site.business_area = ["HMCTS", "HMPPS", "LAA", "OPG"]
                .get(i % 5)
                .map(|area| (*area).to_owned());
            let months_ago = u32::try_from(i % 70).unwrap_or(0);
            let tested = day(2026, 11, 1).months_before(months_ago);
            site.ct_plan = match i % 17 {
                0 => None,
                1 => Some(CtPlan {
                    varies_by_response_level: true,
                    last_tested: None,
                }),
                _ => Some(CtPlan {
                    varies_by_response_level: i % 13 != 0,
                    last_tested: tested,
                }),
            };
            site.risk_assessed = day(2026, 11, 1).months_before(u32::try_from(i % 16).unwrap_or(0));
            site.tier_assessed = day(2026, 11, 1)
                .months_before(u32::try_from(i % 15).unwrap_or(0))
                .unwrap_or(site.tier_assessed);
            if i % 11 == 0 {
                site.response_override = Some(ResponseOverride {
                    level: ResponseLevel::Exceptional,
                    approval: None,
                });
                site.exceptional_reviewed = Some(day(2026, 11, 20));
            } else if i % 23 == 0 {
                site.response_override = Some(ResponseOverride {
                    level: ResponseLevel::Normal,
                    approval: Some(Approval {
                        by: "DSO".into(),
                        on: day(2026, 10, 1),
                        reason: "site closed to the public".into(),
                    }),
                });
            }
            site
        })
        .collect()
}

fn one_site(c: &mut Criterion) {
    let engine = Engine::moj_default();
    let site = typical_site(1);
    let as_of = day(2026, 11, 23);
    c.bench_function("site_status/typed", |b| {
        b.iter(|| engine.site_status(black_box(&site), ThreatLevel::Substantial, as_of))
    });
    let request = serde_json::json!({
        "asOf": "2026-11-23",
        "threatLevel": "substantial",
        "site": site,
    })
    .to_string();
    c.bench_function("site_status/json", |b| {
        b.iter(|| spf_core::json::site_status(&engine, black_box(&request)))
    });
}

fn portfolio(c: &mut Criterion) {
    let engine = Engine::moj_default();
    let sites = estate(100_000);
    let as_of = day(2026, 11, 23);
    let mut group = c.benchmark_group("portfolio");
    group.sample_size(20);
    group.bench_function("100k_sites", |b| {
        b.iter(|| engine.portfolio(black_box(&sites), ThreatLevel::Severe, as_of))
    });
    // The same estate with no controls recorded: the difference from the one
    // above is what comparing the controls in place costs.
    let unrecorded: Vec<Site> = sites
        .iter()
        .cloned()
        .map(|site| Site {
            controls_in_place: None,
            ..site
        })
        .collect();
    group.bench_function("100k_sites_controls_not_recorded", |b| {
        b.iter(|| engine.portfolio(black_box(&unrecorded), ThreatLevel::Severe, as_of))
    });
    group.finish();
}

fn threat_change(c: &mut Criterion) {
    let engine = Engine::moj_default();
    let request = ThreatChangeRequest {
        schema_version: None,
        as_of: day(2026, 11, 23),
        from: ThreatLevel::Substantial,
        to: ThreatLevel::Critical,
        site_ids: None,
        business_areas: ["HMCTS", "HMPPS", "LAA", "OPG"]
            .into_iter()
            .map(|name| BusinessAreaContact {
                name: name.into(),
                security_officer: format!("{name} security officer"),
            })
            .collect(),
        sites: estate(100_000),
    };
    let mut group = c.benchmark_group("threat_change");
    group.sample_size(20);
    group.bench_function("100k_sites", |b| {
        b.iter(|| engine.threat_change_request(black_box(&request)))
    });
    group.finish();
}

criterion_group!(benches, one_site, portfolio, threat_change);
criterion_main!(benches);
