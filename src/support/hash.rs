//! A fast, non-cryptographic hasher for the corpus's id maps (the Fx hash
//! of rustc and Firefox). Ids come from the corpus, but a map lookup is all
//! they feed; millions of lookups at load time make SipHash's cost show.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(tail) ^ rest.len() as u64);
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    /// The Fx state leaves its low bits poorly mixed (ids such as `e12345`
    /// share their first byte), and hashbrown picks buckets by the low bits:
    /// a final avalanche (murmur3's fmix64) spreads every input bit over all.
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub type FxHashSet<K> = std::collections::HashSet<K, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_work_and_similar_keys_hash_apart() {
        let mut m: FxHashMap<String, usize> = FxHashMap::default();
        for i in 0..10_000 {
            m.insert(format!("e{i}"), i);
        }
        assert_eq!(m.get("e1234"), Some(&1234));
        assert_eq!(m.get("e12345"), None);
        let h = |s: &str| {
            let mut h = FxHasher::default();
            h.write(s.as_bytes());
            h.finish()
        };
        assert_ne!(h("ab"), h("ba"));
        assert_ne!(h("a"), h("a\0"));
        // Keys that differ only in later bytes still spread over the low bits buckets use.
        let buckets: std::collections::HashSet<u64> = (0..4096).map(|i| h(&format!("e{i}")) & 0xfff).collect();
        assert!(buckets.len() > 2500, "only {} of 4096 low-bit buckets used", buckets.len());
    }
}
