//! Strict reading: a deserialiser that reads an object's fields only by name.
//!
//! serde's derived `Deserialize` for a struct also accepts an array of its
//! fields' values in declaration order, and serde_json offers that form to it
//! (serde issue #1587): `["lossOfPass", …]` would read as a breach report. A
//! misplaced value would then silently fill the wrong field, so the wire format
//! rejects it. [`Strict`] forwards every call to the deserialiser it wraps,
//! refuses an array wherever a struct is read, and wraps every nested visitor,
//! seed and access so that the rule holds at every depth.
//!
//! It also holds the wire format's one rule for letter case in names from a
//! fixed set (every enum value, in requests and policy documents alike): any
//! case is accepted, and answers write the camelCase name. Where an enum is
//! read, the name given is looked up among the enum's own names, first as
//! written and then ignoring ASCII case, and the enum sees the name it
//! defines (see [`FoldedName`]). So `"LOSSOFPASS"` reads as `lossOfPass`; a
//! name that matches none is left as written for the enum to reject.
//!
//! Everything else here is forwarding that the compiler inlines away; the only
//! other behaviour is the refusal in `StrictVisitor::visit_seq`, which reading
//! a struct or a struct variant asks for. Since no struct's positional reader is
//! reachable any more, the compiler drops them all, which makes the
//! WebAssembly module smaller, not larger.
//!
//! INVARIANT: no wire type is read through serde's buffered forms
//! (`#[serde(flatten)]`, untagged or internally tagged enums): serde replays a
//! buffered value through a deserialiser of its own, which this wrapper never
//! sees. `tests/wire_format.rs` puts an array in place of every object of
//! every corpus request and of the policy document, and would find one.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, Unexpected, Visitor};

/// A deserialiser, visitor, seed or access wrapped so that the values below it
/// are read strictly too.
pub(crate) struct Strict<X>(pub(crate) X);

/// Forwards `deserialize_*` methods that take only a visitor.
macro_rules! forward {
    ($($method:ident)*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            self.0.$method(StrictVisitor::<V, false>(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strict<D> {
    type Error = D::Error;

    forward! {
        deserialize_any deserialize_bool
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_option deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier
    }

    #[inline]
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0
            .deserialize_unit_struct(name, StrictVisitor::<V, false>(visitor))
    }

    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        // The name is passed on unchanged: serde_json recognises its raw-value
        // token by it.
        self.0
            .deserialize_newtype_struct(name, StrictVisitor::<V, false>(visitor))
    }

    #[inline]
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0
            .deserialize_tuple(len, StrictVisitor::<V, false>(visitor))
    }

    #[inline]
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0
            .deserialize_tuple_struct(name, len, StrictVisitor::<V, false>(visitor))
    }

    /// A struct is read as an object only: an array is refused as soon as it
    /// opens, before any of it is read, with the struct's own `expecting` words
    /// and the position of its `[`.
    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0
            .deserialize_struct(name, fields, StrictVisitor::<V, true>(visitor))
    }

    #[inline]
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_enum(
            name,
            variants,
            StrictVisitor::<_, false>(FoldedName {
                inner: visitor,
                names: variants,
            }),
        )
    }

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        // Nothing below an ignored value is kept, so nothing needs wrapping.
        self.0.deserialize_ignored_any(visitor)
    }

    #[inline]
    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// A visitor whose nested values are read strictly. With `OBJECT_ONLY` (a
/// struct or a struct variant) it also refuses an array outright.
struct StrictVisitor<V, const OBJECT_ONLY: bool>(V);

/// Forwards `visit_*` methods that take a plain value.
macro_rules! visit {
    ($($method:ident($ty:ty))*) => {$(
        #[inline]
        fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
            self.0.$method(value)
        }
    )*};
}

impl<'de, V: Visitor<'de>, const OBJECT_ONLY: bool> Visitor<'de> for StrictVisitor<V, OBJECT_ONLY> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    visit! {
        visit_bool(bool)
        visit_i8(i8) visit_i16(i16) visit_i32(i32) visit_i64(i64) visit_i128(i128)
        visit_u8(u8) visit_u16(u16) visit_u32(u32) visit_u64(u64) visit_u128(u128)
        visit_f32(f32) visit_f64(f64) visit_char(char)
        visit_str(&str) visit_borrowed_str(&'de str) visit_string(String)
        visit_bytes(&[u8]) visit_borrowed_bytes(&'de [u8]) visit_byte_buf(Vec<u8>)
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    #[inline]
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Strict(deserializer))
    }

    #[inline]
    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Strict(deserializer))
    }

    #[inline]
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if OBJECT_ONLY {
            return Err(de::Error::invalid_type(Unexpected::Seq, &self));
        }
        self.0.visit_seq(Strict(seq))
    }

    #[inline]
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Strict(map))
    }

    #[inline]
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Strict(data))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Strict<S> {
    type Value = S::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Strict(deserializer))
    }
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for Strict<A> {
    type Error = A::Error;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Strict(seed))
    }

    #[inline]
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for Strict<A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Strict(seed))
    }

    #[inline]
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Strict(seed))
    }

    #[inline]
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: de::EnumAccess<'de>> de::EnumAccess<'de> for Strict<A> {
    type Error = A::Error;
    type Variant = Strict<A::Variant>;

    #[inline]
    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(Strict(seed))?;
        Ok((value, Strict(variant)))
    }
}

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for Strict<A> {
    type Error = A::Error;

    #[inline]
    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    #[inline]
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Strict(seed))
    }

    #[inline]
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0
            .tuple_variant(len, StrictVisitor::<V, false>(visitor))
    }

    #[inline]
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0
            .struct_variant(fields, StrictVisitor::<V, true>(visitor))
    }
}

/// A visitor, enum access, seed or deserialiser of an enum whose variant name
/// is matched to one of `names` ignoring ASCII case.
///
/// It reaches the variant's name the way the enum reads it: the enum's visitor
/// is given the access wrapped, the access hands the variant seed on wrapped,
/// and the seed reads the name from a deserialiser whose identifier visitor
/// swaps a name written in another case for the enum's own.
struct FoldedName<X> {
    inner: X,
    names: &'static [&'static str],
}

impl<X> FoldedName<X> {
    /// The enum's own spelling of `given`, if it differs only in case.
    ///
    /// One pass, which a name written exactly as the enum spells it (the
    /// common case) also takes: names of other lengths are passed over by
    /// their length alone.
    #[inline]
    fn canonical(&self, given: &str) -> Option<&'static str> {
        self.names
            .iter()
            .copied()
            .find(|name| name.eq_ignore_ascii_case(given))
            .filter(|name| *name != given)
    }

    fn wrap<Y>(&self, inner: Y) -> FoldedName<Y> {
        FoldedName {
            inner,
            names: self.names,
        }
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for FoldedName<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    #[inline]
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        let data = self.wrap(data);
        self.inner.visit_enum(data)
    }

    // The name itself, read by the identifier deserialiser below.
    #[inline]
    fn visit_str<E: de::Error>(self, value: &str) -> Result<V::Value, E> {
        match self.canonical(value) {
            Some(name) => self.inner.visit_borrowed_str(name),
            None => self.inner.visit_str(value),
        }
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<V::Value, E> {
        match self.canonical(value) {
            Some(name) => self.inner.visit_borrowed_str(name),
            None => self.inner.visit_borrowed_str(value),
        }
    }

    #[inline]
    fn visit_string<E: de::Error>(self, value: String) -> Result<V::Value, E> {
        match self.canonical(&value) {
            Some(name) => self.inner.visit_borrowed_str(name),
            None => self.inner.visit_string(value),
        }
    }

    #[inline]
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<V::Value, E> {
        self.inner.visit_u64(value)
    }

    #[inline]
    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<V::Value, E> {
        self.inner.visit_bytes(value)
    }
}

impl<'de, A: de::EnumAccess<'de>> de::EnumAccess<'de> for FoldedName<A> {
    type Error = A::Error;
    type Variant = A::Variant;

    #[inline]
    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let seed = self.wrap(seed);
        self.inner.variant_seed(seed)
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for FoldedName<S> {
    type Value = S::Value;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        let deserializer = self.wrap(deserializer);
        self.inner.deserialize(deserializer)
    }
}

/// The deserialiser a variant's name is read from: only its identifier (or a
/// string or any value, which the name also is) is looked up.
impl<'de, D: Deserializer<'de>> Deserializer<'de> for FoldedName<D> {
    type Error = D::Error;

    #[inline]
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = self.wrap(visitor);
        self.inner.deserialize_identifier(visitor)
    }

    #[inline]
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = self.wrap(visitor);
        self.inner.deserialize_str(visitor)
    }

    #[inline]
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = self.wrap(visitor);
        self.inner.deserialize_string(visitor)
    }

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = self.wrap(visitor);
        self.inner.deserialize_any(visitor)
    }

    #[inline]
    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct
        enum ignored_any
    }
}
