//! Reading a [`BreachReport`]: its wire shape as data, read by the codec's one
//! shape reader ([`crate::codec::shape`]) instead of a derived deserialiser.
//!
//! The report is what the breach form's WebAssembly module reads, and a
//! derived reader for it (with those of its person, marking, earlier breaches,
//! information asset and eight enums) was the largest part of that module.
//! The shape below is the one the derive would read (the same field names and
//! order, the same required fields and defaults, the same `expecting` words),
//! so every JSON text read through the library's entry points gives the same
//! report or the same error;
//! `tests/breach_report_reader.rs` and the `breach_report_reader` fuzz target
//! compare it with the derived reader of the same struct.
//!
//! [`Person`], [`EarlierBreach`], [`InformationAsset`], [`ReportedMarking`]
//! and the enums keep their derived readers for everything else that reads
//! them; a report no longer uses them.

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer};

use crate::breach::{
    BreachKind, BreachReport, Care, Damage, EarlierBreach, Impact, InformationAsset, Organisation,
    Person, PersonStatus,
};
use crate::codec::shape::{
    FieldShape, ObjectShape, Shape, ShapeRead, ShapeSeed, ShapeValue, Track,
};
use crate::date::Date;
use crate::marking::{Caveat, ReportedClassification, ReportedMarking};

/// An enum's values in declaration order and their wire names, in the same
/// order (the order serde's derived reader lists them in its errors). Enums
/// with an `ALL` list (in declaration order; the tests compare the names with
/// the derived reader's) take both from it, so the variants are not listed a
/// third time here.
macro_rules! name_table {
    ($ty:ident: $values:ident, $names:ident = ALL) => {
        const $values: &[$ty] = &$ty::ALL;
        #[allow(
            clippy::indexing_slicing,
            reason = "a const loop over its own array's indices"
        )]
        const $names: &[&str] = &{
            let mut names = [""; $ty::ALL.len()];
            let mut i = 0;
            while i < names.len() {
                names[i] = $ty::ALL[i].as_str();
                i += 1;
            }
            names
        };
    };
    ($ty:ident: $values:ident, $names:ident = [$($variant:ident = $name:literal),* $(,)?]) => {
        const $values: &[$ty] = &[$($ty::$variant),*];
        const $names: &[&str] = &[$($name),*];
    };
}

name_table!(BreachKind: KINDS, KIND_NAMES = ALL);
name_table!(Care: CARES, CARE_NAMES = ALL);
name_table!(Damage: DAMAGES, DAMAGE_NAMES = [None = "none", Potential = "potential", Actual = "actual"]);
name_table!(Impact: IMPACTS, IMPACT_NAMES = ALL);
name_table!(PersonStatus: STATUSES, STATUS_NAMES = ALL);
name_table!(Organisation: ORGANISATIONS, ORGANISATION_NAMES = ALL);
name_table!(ReportedClassification: CLASSIFICATIONS, CLASSIFICATION_NAMES = ALL);
name_table!(Caveat: CAVEATS, CAVEAT_NAMES = [Sensitive = "sensitive", Strap = "strap"]);

const fn required(shape: Shape) -> FieldShape {
    FieldShape {
        shape,
        required: true,
    }
}

/// A field with `#[serde(default)]`.
const fn defaulted(shape: Shape) -> FieldShape {
    FieldShape {
        shape,
        required: false,
    }
}

const fn names(rust_name: &'static str, names: &'static [&'static str]) -> Shape {
    Shape::Name { rust_name, names }
}

const DATE: Shape = Shape::CheckedText {
    expecting: "a date written YYYY-MM-DD",
    check: check_date,
};

fn check_date(text: &str) -> Result<(), String> {
    text.parse::<Date>()
        .map(|_| ())
        .map_err(|error| error.to_string())
}

const MARKING: ObjectShape = ObjectShape {
    rust_name: "ReportedMarking",
    expecting: "a marking object with `classification` and optional `caveats`",
    names: &["classification", "caveats"],
    fields: &[
        required(names("ReportedClassification", CLASSIFICATION_NAMES)),
        defaulted(Shape::List(&names("Caveat", CAVEAT_NAMES))),
    ],
};

const EARLIER_BREACH: ObjectShape = ObjectShape {
    rust_name: "EarlierBreach",
    expecting: "an earlier breach object with `date` and `kind`",
    names: &["date", "kind"],
    fields: &[required(DATE), required(names("BreachKind", KIND_NAMES))],
};

const PERSON: ObjectShape = ObjectShape {
    rust_name: "Person",
    expecting: "a person object with `status` and `organisation`",
    names: &["status", "organisation", "securityCleared"],
    fields: &[
        required(names("PersonStatus", STATUS_NAMES)),
        required(names("Organisation", ORGANISATION_NAMES)),
        defaulted(Shape::Flag),
    ],
};

const INFORMATION_ASSET: ObjectShape = ObjectShape {
    rust_name: "InformationAsset",
    expecting: "an information asset object with `name` and `owner`",
    names: &["name", "owner"],
    fields: &[required(Shape::Text), required(Shape::Text)],
};

/// Whether an object shape names as many fields as it describes: the reader
/// pairs the two lists, so a name added without its field (or the other way
/// round) must not compile.
const fn balanced(object: &ObjectShape) -> bool {
    object.names.len() == object.fields.len()
}

const _: () = {
    assert!(balanced(&MARKING));
    assert!(balanced(&EARLIER_BREACH));
    assert!(balanced(&PERSON));
    assert!(balanced(&INFORMATION_ASSET));
    assert!(match REPORT {
        Shape::Object(report) => balanced(report),
        _ => false,
    });
};

/// The report's wire shape: [`BreachReport`]'s fields in declaration order.
const REPORT: Shape = Shape::Object(&ObjectShape {
    rust_name: "BreachReport",
    expecting: "a breach report object",
    names: &[
        "schemaVersion",
        "reference",
        "kind",
        "marking",
        "care",
        "damage",
        "previousWarnings",
        "earlierBreaches",
        "occurred",
        "person",
        "personalData",
        "informationAsset",
        "impact",
    ],
    fields: &[
        defaulted(Shape::Optional(&Shape::Count)),
        defaulted(Shape::Optional(&Shape::Text)),
        required(names("BreachKind", KIND_NAMES)),
        defaulted(Shape::Optional(&Shape::Object(&MARKING))),
        required(names("Care", CARE_NAMES)),
        defaulted(names("Damage", DAMAGE_NAMES)),
        defaulted(Shape::Count),
        defaulted(Shape::List(&Shape::Object(&EARLIER_BREACH))),
        required(DATE),
        required(Shape::Object(&PERSON)),
        defaulted(Shape::Flag),
        defaulted(Shape::Optional(&Shape::Object(&INFORMATION_ASSET))),
        defaulted(Shape::Optional(&names("Impact", IMPACT_NAMES))),
    ],
});

impl<'de> Deserialize<'de> for BreachReport {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read this way, whoever deserialises tracks where a failure is.
        let untracked = Track::default();
        let value = ShapeSeed::root(&REPORT, &untracked).deserialize(deserializer)?;
        // INVARIANT: the shape reader gives a value of the shape it was given,
        // which is the shape the conversion reads.
        report(value).ok_or_else(|| de::Error::custom("a breach report outside its shape"))
    }
}

impl BreachReport {
    /// Reads a report from JSON text as the library's entry points do: the
    /// same report or the same error (code, message, pointer and every further
    /// problem) as [`json::parse`](crate::json::parse), found by the shape
    /// reader's own tracking of where it is.
    ///
    /// ```
    /// use spf_core::{BreachReport, ErrorCode};
    /// let err = BreachReport::from_json(r#"{"kind": "lossOfPass", "care": 7}"#).unwrap_err();
    /// assert_eq!(err.code, ErrorCode::InvalidType);
    /// assert_eq!(err.path, "/care");
    /// ```
    ///
    /// # Errors
    ///
    /// The [`SpfError`](crate::SpfError) of text that is not a breach report.
    pub fn from_json(text: &str) -> Result<Self, crate::SpfError> {
        // Native builds read well-formed reports with the derive; the shape,
        // which defines what a report is, reads the rest for their errors.
        #[cfg(not(target_arch = "wasm32"))]
        if let Ok(report) = crate::codec::parse_untracked::<derived::DerivedReport>(text) {
            return Ok(report.into());
        }
        crate::codec::parse_shape(text)
    }
}

/// The report as serde's derive reads it: the native builds' fast path
/// ([`BreachReport::from_json`]), faster than the shape walk, which builds a
/// tree of values and then converts it. The WebAssembly builds leave it out:
/// its code is what the shape reader saves them. It must accept exactly what
/// the shape accepts, as the same report; `tests/breach_report_reader.rs`
/// holds the two to each other (and to a derived reader of its own).
#[cfg(not(target_arch = "wasm32"))]
mod derived {
    use serde::Deserialize;

    use crate::breach::{
        BreachKind, BreachReport, Care, Damage, EarlierBreach, Impact, InformationAsset, Person,
    };
    use crate::date::Date;
    use crate::marking::ReportedMarking;

    /// [`BreachReport`] field for field, with the shape's attributes.
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    #[serde(expecting = "a breach report object")]
    pub(super) struct DerivedReport {
        #[serde(default)]
        schema_version: Option<u32>,
        #[serde(default)]
        reference: Option<String>,
        kind: BreachKind,
        #[serde(default)]
        marking: Option<ReportedMarking>,
        care: Care,
        #[serde(default)]
        damage: Damage,
        #[serde(default)]
        previous_warnings: u32,
        #[serde(default)]
        earlier_breaches: Vec<EarlierBreach>,
        occurred: Date,
        person: Person,
        #[serde(default)]
        personal_data: bool,
        #[serde(default)]
        information_asset: Option<InformationAsset>,
        #[serde(default)]
        impact: Option<Impact>,
    }

    impl From<DerivedReport> for BreachReport {
        fn from(derived: DerivedReport) -> Self {
            let DerivedReport {
                schema_version,
                reference,
                kind,
                marking,
                care,
                damage,
                previous_warnings,
                earlier_breaches,
                occurred,
                person,
                personal_data,
                information_asset,
                impact,
            } = derived;
            BreachReport {
                schema_version,
                reference,
                kind,
                marking,
                care,
                damage,
                previous_warnings,
                earlier_breaches,
                occurred,
                person,
                personal_data,
                information_asset,
                impact,
            }
        }
    }
}

impl ShapeRead for BreachReport {
    const SHAPE: &'static Shape = &REPORT;

    fn from_shape(value: ShapeValue) -> Option<Self> {
        report(value)
    }
}

/// The report a value of [`REPORT`]'s shape describes.
fn report(value: ShapeValue) -> Option<BreachReport> {
    let [
        schema_version,
        reference,
        kind,
        marking,
        care,
        damage,
        previous_warnings,
        earlier_breaches,
        occurred,
        person,
        personal_data,
        information_asset,
        impact,
    ] = fields(value)?;
    Some(BreachReport {
        schema_version: optional(schema_version, count)?,
        reference: optional(reference, text)?,
        kind: name(&kind, KINDS)?,
        marking: optional(marking, reported_marking)?,
        care: name(&care, CARES)?,
        damage: or_default(damage, |value| name(&value, DAMAGES))?,
        previous_warnings: or_default(previous_warnings, count)?,
        earlier_breaches: or_default(earlier_breaches, |value| list(value, earlier_breach))?,
        occurred: date(occurred)?,
        person: self::person(person)?,
        personal_data: or_default(personal_data, flag)?,
        information_asset: optional(information_asset, self::information_asset)?,
        impact: optional(impact, |value| name(&value, IMPACTS))?,
    })
}

fn reported_marking(value: ShapeValue) -> Option<ReportedMarking> {
    let [classification, caveats] = fields(value)?;
    Some(ReportedMarking {
        classification: name(&classification, CLASSIFICATIONS)?,
        caveats: or_default(caveats, |value| {
            list(value, |caveat| name(&caveat, CAVEATS))
        })?,
    })
}

fn earlier_breach(value: ShapeValue) -> Option<EarlierBreach> {
    let [date, kind] = fields(value)?;
    Some(EarlierBreach {
        date: self::date(date)?,
        kind: name(&kind, KINDS)?,
    })
}

fn person(value: ShapeValue) -> Option<Person> {
    let [status, organisation, security_cleared] = fields(value)?;
    Some(Person {
        status: name(&status, STATUSES)?,
        organisation: name(&organisation, ORGANISATIONS)?,
        security_cleared: or_default(security_cleared, flag)?,
    })
}

fn information_asset(value: ShapeValue) -> Option<InformationAsset> {
    let [name, owner] = fields(value)?;
    Some(InformationAsset {
        name: text(name)?,
        owner: text(owner)?,
    })
}

/// An object's `N` fields.
fn fields<const N: usize>(value: ShapeValue) -> Option<[ShapeValue; N]> {
    match value {
        ShapeValue::Object(fields) => fields.try_into().ok(),
        _ => None,
    }
}

/// An `Option` field with `#[serde(default)]`: absent and `null` are `None`.
fn optional<T>(value: ShapeValue, read: impl FnOnce(ShapeValue) -> Option<T>) -> Option<Option<T>> {
    match value {
        ShapeValue::Absent | ShapeValue::Null => Some(None),
        value => read(value).map(Some),
    }
}

/// A field with `#[serde(default)]`: absent is the type's default.
fn or_default<T: Default>(
    value: ShapeValue,
    read: impl FnOnce(ShapeValue) -> Option<T>,
) -> Option<T> {
    match value {
        ShapeValue::Absent => Some(T::default()),
        value => read(value),
    }
}

fn name<T: Copy>(value: &ShapeValue, values: &[T]) -> Option<T> {
    match value {
        ShapeValue::Name(index) => values.get(*index).copied(),
        _ => None,
    }
}

fn list<T>(value: ShapeValue, read: impl FnMut(ShapeValue) -> Option<T>) -> Option<Vec<T>> {
    match value {
        ShapeValue::List(items) => items.into_iter().map(read).collect(),
        _ => None,
    }
}

fn count(value: ShapeValue) -> Option<u32> {
    match value {
        ShapeValue::Count(count) => Some(count),
        _ => None,
    }
}

fn flag(value: ShapeValue) -> Option<bool> {
    match value {
        ShapeValue::Flag(flag) => Some(flag),
        _ => None,
    }
}

fn text(value: ShapeValue) -> Option<String> {
    match value {
        ShapeValue::Text(text) => Some(text),
        _ => None,
    }
}

fn date(value: ShapeValue) -> Option<Date> {
    match value {
        ShapeValue::Text(text) => text.parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape's field names are the struct's wire names, in its order: a
    /// field renamed, added or moved in `BreachReport`'s serde attributes (which
    /// also write the report and declare its TypeScript type) and not here
    /// fails.
    #[test]
    fn the_shape_names_the_struct_s_wire_fields_in_order() {
        let mut report = BreachReport::new(
            BreachKind::LossOfPass,
            Care::AvoidableCarelessness,
            "2026-11-02".parse().unwrap(),
        );
        report.schema_version = Some(1);
        report.reference = Some("HR-1".to_owned());
        report.marking = Some(ReportedMarking::plain(
            crate::marking::Classification::Official,
        ));
        report.previous_warnings = 1;
        report.earlier_breaches.push(EarlierBreach {
            date: "2026-01-02".parse().unwrap(),
            kind: BreachKind::LossOfPass,
        });
        report.personal_data = true;
        report.information_asset = Some(InformationAsset {
            name: "Case files".to_owned(),
            owner: "Head of Unit".to_owned(),
        });
        report.impact = Some(Impact::High);
        let text = serde_json::to_string(&report).unwrap();
        let Shape::Object(shape) = REPORT else {
            panic!("the report's shape is an object");
        };
        // Every key of the written report, in order, at the top level only.
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut sorted_names: Vec<&str> = shape.names.to_vec();
        sorted_names.sort_unstable();
        assert_eq!(keys, sorted_names, "{text}");
        let positions: Vec<usize> = shape
            .names
            .iter()
            .map(|name| text.find(&format!("\"{name}\":")).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{text}");
    }

    /// The names serde's derived reader of `T` lists when it meets a name it
    /// does not know, in its order.
    fn derived_names<T: serde::de::DeserializeOwned + std::fmt::Debug>() -> Vec<String> {
        let error = serde_json::from_str::<T>("\"\\u0000\"")
            .unwrap_err()
            .to_string();
        let (_, names) = error.split_once("expected ").unwrap();
        let names = names.split(" at line").next().unwrap();
        names
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    fn check<T>(values: &[T], names: &[&str])
    where
        T: Copy + PartialEq + serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug,
    {
        assert_eq!(derived_names::<T>(), names, "{values:?}");
        for (value, name) in values.iter().zip(names) {
            assert_eq!(serde_json::to_value(value).unwrap(), *name);
            let read: T = serde_json::from_str(&format!("\"{name}\"")).unwrap();
            assert_eq!(read, *value);
        }
    }

    #[test]
    fn name_tables_are_the_derived_readers_names_in_their_order() {
        check(KINDS, KIND_NAMES);
        check(CARES, CARE_NAMES);
        check(DAMAGES, DAMAGE_NAMES);
        check(IMPACTS, IMPACT_NAMES);
        check(STATUSES, STATUS_NAMES);
        check(ORGANISATIONS, ORGANISATION_NAMES);
        check(CLASSIFICATIONS, CLASSIFICATION_NAMES);
        check(CAVEATS, CAVEAT_NAMES);
    }

    #[test]
    fn the_default_damage_is_the_types_default() {
        assert_eq!(DAMAGES.first(), Some(&Damage::default()));
    }
}
