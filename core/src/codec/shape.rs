//! Reading a wire type from a description of its shape, with the deserialiser
//! calls serde's derived readers make.
//!
//! A derived `Deserialize` is compiled once for every type it reads, and the
//! reader of a struct holds the readers of all its fields. For a request read
//! in the breach form's WebAssembly module that is most of its download. A
//! [`Shape`] is the same description as data (field names, which fields may be
//! left out, the names of an enum, lists and options), and one reader,
//! [`ShapeSeed`], walks it: compiled once, whatever the shape.
//!
//! The walk asks the deserialiser for exactly what the derived reader of the
//! same type asks for, in the same order, with the same `expecting` words and
//! the same serde errors (unknown field, duplicate field, missing field,
//! unknown variant, invalid type or value). So the deserialiser (and
//! [`Strict`](crate::codec::strict) around it, with its refusal of arrays for
//! objects and its letter-case folding of names) answers every JSON text read
//! through the library's entry points exactly as it answers the derived
//! reader: the same value, or the same error at the same position and pointer.
//! Outside them the two may differ: read directly with `serde_json` (no
//! [`Strict`](crate::codec::strict)), a shape refuses an array in place of an
//! object where the derived reader takes its fields by position, and its names
//! are read as text only (formats that name fields by index are not served). `tests/breach_report_reader.rs` and the
//! `breach_report_reader` fuzz target hold a shape to the derived reader of
//! the same type.
//!
//! What the walk gives back is a [`ShapeValue`] tree; the type's own
//! conversion turns it into the type.
//!
//! The walk also knows where it is, so a failure's JSON pointer comes from
//! the walk itself ([`Track`]) rather than from `serde_path_to_error`'s
//! wrappers around the deserialiser, which would be compiled once more for
//! every shape read that way. It points where `serde_path_to_error` points:
//! at the innermost value being read when the error arose (for an unknown
//! field, at the field). `tests/breach_report_reader.rs` and the
//! `breach_report_reader` fuzz target hold the two to each other (through
//! `both_readings` in `tests/support/derived_breach_report.rs`).

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

use crate::codec::Pointer;

/// The wire shape of a value: what a derived `Deserialize` of its type reads.
#[derive(Debug)]
pub(crate) enum Shape {
    /// A struct with named fields and `deny_unknown_fields`.
    Object(&'static ObjectShape),
    /// A unit-only enum: one of `names`, in declaration order (the order
    /// serde lists them in errors). `rust_name` is the enum's type name, which
    /// the derived reader hands the deserialiser.
    Name {
        /// The enum's type name.
        rust_name: &'static str,
        /// The wire names, in declaration order.
        names: &'static [&'static str],
    },
    /// `Option<T>`: `null`, or the value.
    Optional(&'static Shape),
    /// `Vec<T>`.
    List(&'static Shape),
    /// `u32`.
    Count,
    /// `bool`.
    Flag,
    /// `String`.
    Text,
    /// A string that `check` accepts, read as a type whose visitor takes a
    /// `&str` and fails with `check`'s words (a date).
    CheckedText {
        /// The visitor's `expecting` words.
        expecting: &'static str,
        /// Why the text is not a value of the type, if it is not.
        check: fn(&str) -> Result<(), String>,
    },
}

/// A struct's shape: its `expecting` words and its fields in declaration order.
#[derive(Debug)]
pub(crate) struct ObjectShape {
    /// The struct's type name, which the derived reader hands the deserialiser.
    pub(crate) rust_name: &'static str,
    /// The struct's `#[serde(expecting = …)]` words.
    pub(crate) expecting: &'static str,
    /// The wire names of the fields, in declaration order.
    pub(crate) names: &'static [&'static str],
    /// Each field's shape and whether it may be left out, in the same order.
    pub(crate) fields: &'static [FieldShape],
}

/// One field of an [`ObjectShape`].
#[derive(Debug)]
pub(crate) struct FieldShape {
    /// The value's shape.
    pub(crate) shape: Shape,
    /// Whether the field must be given (no `#[serde(default)]`).
    pub(crate) required: bool,
}

/// What reading a [`Shape`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ShapeValue {
    /// A field that may be left out and was.
    Absent,
    /// `null` where an [`Shape::Optional`] was read.
    Null,
    /// The index of the name read, in the [`Shape::Name`]'s `names`.
    Name(usize),
    /// A `u32`.
    Count(u32),
    /// A `bool`.
    Flag(bool),
    /// A string (also a [`Shape::CheckedText`] that passed its check).
    Text(String),
    /// A list's items.
    List(Vec<ShapeValue>),
    /// An object's fields, in the shape's order.
    Object(Vec<ShapeValue>),
}

/// A type read by the shape reader: its shape, and its conversion from what
/// the walk gives.
pub(crate) trait ShapeRead: Sized {
    /// The type's wire shape.
    const SHAPE: &'static Shape;

    /// The type a value of [`Self::SHAPE`] describes; `None` only for a value
    /// of another shape.
    fn from_shape(value: ShapeValue) -> Option<Self>;
}

/// Where the walk is: the fields and items from the root to the value being
/// read, each link on the stack of the reader that made it.
#[derive(Clone, Copy)]
pub(crate) enum Chain<'a> {
    /// The whole input.
    Root,
    /// A field of an object, by its name as given.
    Field {
        /// Where the object is.
        parent: &'a Chain<'a>,
        /// The field's name.
        name: &'a str,
    },
    /// An item of a list.
    Item {
        /// Where the list is.
        parent: &'a Chain<'a>,
        /// The item's index.
        index: usize,
    },
}

impl Chain<'_> {
    /// The JSON pointer of the place, and the name of the last field on the
    /// way to it (for messages that name the field).
    fn pointer_and_field(&self) -> (Pointer, Option<String>) {
        let mut links = Vec::new();
        let mut at = self;
        while let Chain::Field { parent, .. } | Chain::Item { parent, .. } = at {
            links.push(at);
            at = parent;
        }
        let mut pointer = Pointer::root();
        let mut field = None;
        for link in links.iter().rev() {
            match link {
                Chain::Field { name, .. } => {
                    pointer = pointer.key(name);
                    field = Some(*name);
                }
                Chain::Item { index, .. } => pointer = pointer.index(*index),
                Chain::Root => {}
            }
        }
        (pointer, field.map(str::to_owned))
    }
}

/// Where a walk failed: the place of the innermost reader the error passed
/// through, kept by the first reader that sees it (the outer ones pass it on).
#[derive(Default)]
pub(crate) struct Track {
    failure: Cell<Option<(Pointer, Option<String>)>>,
}

impl Track {
    /// Notes `chain` as where `error` arose, unless an inner reader already did.
    fn trigger<E>(&self, chain: &Chain<'_>, error: E) -> E {
        let noted = self.failure.take();
        self.failure
            .set(Some(noted.unwrap_or_else(|| chain.pointer_and_field())));
        error
    }

    /// The pointer of the failure and the field it names, or the root when no
    /// reader of the shape saw the error (it arose after the walk).
    pub(crate) fn into_failure(self) -> (Pointer, Option<String>) {
        self.failure
            .into_inner()
            .unwrap_or_else(|| (Pointer::root(), None))
    }
}

/// Reads a value of the shape: the deserialiser sees what a derived reader
/// of the shape's type would ask of it.
#[derive(Clone, Copy)]
pub(crate) struct ShapeSeed<'a> {
    shape: &'static Shape,
    chain: &'a Chain<'a>,
    track: &'a Track,
}

impl<'a> ShapeSeed<'a> {
    /// Reads the whole input as `shape`, noting where a failure arises in
    /// `track`.
    pub(crate) fn root(shape: &'static Shape, track: &'a Track) -> Self {
        Self {
            shape,
            chain: &Chain::Root,
            track,
        }
    }
}

impl<'de> DeserializeSeed<'de> for ShapeSeed<'_> {
    type Value = ShapeValue;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ShapeValue, D::Error> {
        let Self {
            shape,
            chain,
            track,
        } = self;
        let read = match shape {
            Shape::Object(object) => deserializer.deserialize_struct(
                object.rust_name,
                object.names,
                ObjectVisitor {
                    object,
                    chain,
                    track,
                },
            ),
            Shape::Name { rust_name, names } => deserializer.deserialize_enum(
                rust_name,
                names,
                NameVisitor {
                    rust_name,
                    names,
                    chain,
                    track,
                },
            ),
            Shape::Optional(inner) => deserializer.deserialize_option(OptionalVisitor(Self {
                shape: inner,
                chain,
                track,
            })),
            Shape::List(item) => deserializer.deserialize_seq(ListVisitor { item, chain, track }),
            Shape::Count => deserializer.deserialize_u32(CountVisitor),
            Shape::Flag => deserializer.deserialize_bool(FlagVisitor),
            Shape::Text => deserializer.deserialize_string(TextVisitor),
            Shape::CheckedText { expecting, check } => {
                deserializer.deserialize_str(CheckedTextVisitor {
                    expecting,
                    check: *check,
                })
            }
        };
        read.map_err(|error| track.trigger(chain, error))
    }
}

/// A derived struct reader: fields by name, each once, then the missing ones
/// in declaration order.
struct ObjectVisitor<'a> {
    object: &'static ObjectShape,
    chain: &'a Chain<'a>,
    track: &'a Track,
}

impl<'de> Visitor<'de> for ObjectVisitor<'_> {
    type Value = ShapeValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.object.expecting)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ShapeValue, A::Error> {
        let Self {
            object,
            chain,
            track,
        } = self;
        let mut read: Vec<Option<ShapeValue>> = object.fields.iter().map(|_| None).collect();
        loop {
            // An unknown field's name, as given: the error points at it.
            let unknown = Cell::new(None);
            let index = match map.next_key_seed(IdentifierSeed::field(object.names, &unknown)) {
                Ok(Some(index)) => index,
                Ok(None) => break,
                Err(error) => {
                    return Err(match unknown.take() {
                        Some(name) => track.trigger(
                            &Chain::Field {
                                parent: chain,
                                name: &name,
                            },
                            error,
                        ),
                        None => track.trigger(chain, error),
                    });
                }
            };
            let (Some(slot), Some(field), Some(name)) = (
                read.get_mut(index),
                object.fields.get(index),
                object.names.get(index),
            ) else {
                // INVARIANT: the identifier seed gives an index of `names`,
                // and a shape has as many fields as names.
                return Err(de::Error::custom("a field outside its shape"));
            };
            if slot.is_some() {
                return Err(de::Error::duplicate_field(name));
            }
            let seed = ShapeSeed {
                shape: &field.shape,
                chain: &Chain::Field {
                    parent: chain,
                    name,
                },
                track,
            };
            *slot = Some(
                map.next_value_seed(seed)
                    .map_err(|error| track.trigger(chain, error))?,
            );
        }
        let mut values = Vec::with_capacity(read.len());
        for ((value, field), name) in read.into_iter().zip(object.fields).zip(object.names) {
            match value {
                Some(value) => values.push(value),
                None if field.required => return Err(de::Error::missing_field(name)),
                None => values.push(ShapeValue::Absent),
            }
        }
        Ok(ShapeValue::Object(values))
    }
}

/// A derived reader's identifier: a field's name (unknown ones rejected) or
/// an enum's variant name, as its index.
struct IdentifierSeed<'a> {
    names: &'static [&'static str],
    variant: bool,
    /// Where an unknown field's name goes (variants need none: their errors
    /// point at the value).
    unknown: Option<&'a Cell<Option<String>>>,
}

impl<'a> IdentifierSeed<'a> {
    fn field(names: &'static [&'static str], unknown: &'a Cell<Option<String>>) -> Self {
        Self {
            names,
            variant: false,
            unknown: Some(unknown),
        }
    }

    fn variant(names: &'static [&'static str]) -> Self {
        Self {
            names,
            variant: true,
            unknown: None,
        }
    }
}

impl<'de> DeserializeSeed<'de> for IdentifierSeed<'_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for IdentifierSeed<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.variant {
            "variant identifier"
        } else {
            "field identifier"
        })
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<usize, E> {
        match self.names.iter().position(|name| *name == value) {
            Some(index) => Ok(index),
            None if self.variant => Err(E::unknown_variant(value, self.names)),
            None => {
                if let Some(unknown) = self.unknown {
                    unknown.set(Some(value.to_owned()));
                }
                Err(E::unknown_field(value, self.names))
            }
        }
    }
}

/// A derived unit-only enum reader.
struct NameVisitor<'a> {
    rust_name: &'static str,
    names: &'static [&'static str],
    chain: &'a Chain<'a>,
    track: &'a Track,
}

impl<'de> Visitor<'de> for NameVisitor<'_> {
    type Value = ShapeValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "enum {}", self.rust_name)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<ShapeValue, A::Error> {
        let (chain, track) = (self.chain, self.track);
        let (index, variant) = data
            .variant_seed(IdentifierSeed::variant(self.names))
            .map_err(|error| track.trigger(chain, error))?;
        de::VariantAccess::unit_variant(variant).map_err(|error| {
            // What follows a variant's name is the variant's.
            let name = self.names.get(index).copied().unwrap_or_default();
            track.trigger(
                &Chain::Field {
                    parent: chain,
                    name,
                },
                error,
            )
        })?;
        Ok(ShapeValue::Name(index))
    }
}

/// serde's `Option<T>` reader.
struct OptionalVisitor<'a>(ShapeSeed<'a>);

impl<'de> Visitor<'de> for OptionalVisitor<'_> {
    type Value = ShapeValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_unit<E: de::Error>(self) -> Result<ShapeValue, E> {
        Ok(ShapeValue::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<ShapeValue, E> {
        Ok(ShapeValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<ShapeValue, D::Error> {
        self.0.deserialize(deserializer)
    }
}

/// serde's `Vec<T>` reader.
struct ListVisitor<'a> {
    item: &'static Shape,
    chain: &'a Chain<'a>,
    track: &'a Track,
}

impl<'de> Visitor<'de> for ListVisitor<'_> {
    type Value = ShapeValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ShapeValue, A::Error> {
        let Self { item, chain, track } = self;
        let mut items = Vec::new();
        loop {
            let seed = ShapeSeed {
                shape: item,
                chain: &Chain::Item {
                    parent: chain,
                    index: items.len(),
                },
                track,
            };
            match seq.next_element_seed(seed) {
                Ok(Some(value)) => items.push(value),
                Ok(None) => break,
                Err(error) => return Err(track.trigger(chain, error)),
            }
        }
        Ok(ShapeValue::List(items))
    }
}

/// serde's `u32` reader (smaller integers arrive as `u64` and `i64`).
struct CountVisitor;

impl<'de> Visitor<'de> for CountVisitor {
    type Value = ShapeValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("u32")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<ShapeValue, E> {
        u64::try_from(value)
            .ok()
            .and_then(|value| u32::try_from(value).ok())
            .map(ShapeValue::Count)
            .ok_or_else(|| E::invalid_value(Unexpected::Signed(value), &self))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<ShapeValue, E> {
        u32::try_from(value)
            .map(ShapeValue::Count)
            .map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
    }
}

/// serde's `bool` reader.
struct FlagVisitor;

impl<'de> Visitor<'de> for FlagVisitor {
    type Value = ShapeValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<ShapeValue, E> {
        Ok(ShapeValue::Flag(value))
    }
}

/// serde's `String` reader.
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = ShapeValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<ShapeValue, E> {
        Ok(ShapeValue::Text(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<ShapeValue, E> {
        Ok(ShapeValue::Text(value))
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<ShapeValue, E> {
        match std::str::from_utf8(value) {
            Ok(text) => Ok(ShapeValue::Text(text.to_owned())),
            Err(_) => Err(E::invalid_value(Unexpected::Bytes(value), &self)),
        }
    }
}

/// A reader that takes a `&str` and checks it (the date's).
struct CheckedTextVisitor {
    expecting: &'static str,
    check: fn(&str) -> Result<(), String>,
}

impl<'de> Visitor<'de> for CheckedTextVisitor {
    type Value = ShapeValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<ShapeValue, E> {
        (self.check)(value).map_err(E::custom)?;
        Ok(ShapeValue::Text(value.to_owned()))
    }
}
