//! Names (business areas, sites, people, record ids) turned into small numbers
//! once, so that a register of a million records is grouped by comparing
//! integers rather than strings.
//!
//! The hash takes a word at a time, each mixed in by a folded multiply (the
//! 128-bit product's halves xored, as foldhash does), with a murmur3
//! finaliser: several times faster than the standard library's SipHash on
//! short names. rustc's multiply-rotate step was used before; its multiply
//! carries a word's bits only upwards, so ids that differ in two words (the
//! register's own `INC-0001234` and `INC-0009234` style) collided by the
//! thousand, and every collision sent the repeated-id check the slow way.
//! It is not resistant to deliberately colliding keys; the register is an
//! organisation's own data, and the worst such keys can do is slow a report.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, deterministic hasher for short keys.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        // The high half of the product depends on every bit of both factors,
        // the low half on the bits below each of its own: xored, each bit of
        // the word reaches every bit of the state.
        let product = u128::from(self.hash ^ word) * u128::from(SEED);
        self.hash = (product as u64) ^ ((product >> 64) as u64);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Whole words are read as words (every record's id, person, area and
        // site is hashed); the last, short one byte by byte. Both are
        // little-endian, so the hash is what a byte-by-byte read gives.
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let word = rest
                .iter()
                .rev()
                .fold(0u64, |word, byte| (word << 8) | u64::from(*byte));
            self.add(word);
        }
    }

    fn write_u8(&mut self, value: u8) {
        self.add(u64::from(value));
    }

    fn write_u32(&mut self, value: u32) {
        self.add(u64::from(value));
    }

    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply only carries entropy upwards, and the table indexes by
        // the low bits: names that differ in one late digit (`INC-000017`,
        // `INC-000018`) would share buckets. A murmur3 finaliser mixes every
        // bit into every other.
        let mut h = self.hash;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// A name's 64-bit hash.
pub(crate) fn hash_text(text: &str) -> u64 {
    let mut hasher = WordHasher::default();
    hasher.write(text.as_bytes());
    hasher.write_usize(text.len());
    hasher.finish()
}

/// A hash map keyed with [`WordHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Numbers names in the order they are first seen.
#[derive(Debug, Default)]
pub(crate) struct Interner<'r> {
    numbers: FastMap<&'r str, u32>,
    names: Vec<&'r str>,
}

impl<'r> Interner<'r> {
    /// The name's number, giving it the next one if it is new.
    pub(crate) fn number(&mut self, name: &'r str) -> u32 {
        let next = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        let number = *self.numbers.entry(name).or_insert(next);
        if number == next {
            self.names.push(name);
        }
        number
    }

    /// The name numbered `number` (empty for a number never given).
    pub(crate) fn name(&self, number: u32) -> &'r str {
        usize::try_from(number)
            .ok()
            .and_then(|i| self.names.get(i))
            .copied()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_stable_and_names_come_back() {
        let mut interner = Interner::default();
        assert_eq!(interner.number("HMCTS"), 0);
        assert_eq!(interner.number("HMPPS"), 1);
        assert_eq!(interner.number("HMCTS"), 0);
        assert_eq!(interner.name(1), "HMPPS");
        assert_eq!(interner.name(7), "");
    }

    #[test]
    fn the_hash_depends_on_every_byte() {
        let hash = |text: &str| {
            let mut h = WordHasher::default();
            h.write(text.as_bytes());
            h.finish()
        };
        assert_ne!(hash("P-000001"), hash("P-000002"));
        assert_ne!(hash("P-0000010"), hash("P-0000011"));
        assert_eq!(hash("MOJ-BHM-0003"), hash("MOJ-BHM-0003"));
    }

    #[test]
    fn ids_that_differ_in_two_words_do_not_collide() {
        // The multiply-rotate step gave `INC-0001234` and `INC-0009234`
        // style ids equal hashes by the thousand.
        let mut hashes: Vec<u64> = (0..200_000)
            .flat_map(|n| [format!("INC-{n:06}"), format!("INC-{n:07}")])
            .map(|id| hash_text(&id))
            .collect();
        hashes.sort_unstable();
        let before = hashes.len();
        hashes.dedup();
        assert_eq!(hashes.len(), before);
    }

    #[test]
    fn whole_words_hash_as_their_bytes_do() {
        let bytewise = |text: &str| {
            let mut h = WordHasher::default();
            for chunk in text.as_bytes().chunks(8) {
                h.add(
                    chunk
                        .iter()
                        .rev()
                        .fold(0u64, |word, byte| (word << 8) | u64::from(*byte)),
                );
            }
            h.finish()
        };
        for text in ["", "P-1", "INC-0001", "INC-000001", "MOJ-BHM-0003-SITE"] {
            let mut h = WordHasher::default();
            h.write(text.as_bytes());
            assert_eq!(h.finish(), bytewise(text), "{text}");
        }
    }
}
