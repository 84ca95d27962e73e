//! Sets of the identifiers a text holds, kept as 64-bit hashes: "is this name written
//! anywhere?" without a `String` per word. Two names with the same hash only make a name
//! look written when it is not, so a false answer is always on the side of caution (a
//! fresh name is skipped, a walk is taken), never a wrong rewrite.

/// The 64-bit FNV-1a hash of `word`.
pub fn hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in word.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A set of words by hash, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordSet(Vec<u64>);

impl WordSet {
    /// The set of `words`.
    pub fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> WordSet {
        let mut hashes: Vec<u64> = words.into_iter().map(hash).collect();
        hashes.sort_unstable();
        hashes.dedup();
        WordSet(hashes)
    }

    /// The words of `code` (text with comments and literals blanked): maximal runs of
    /// identifier characters.
    pub fn words_of(code: &str) -> WordSet {
        WordSet::of(
            code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty()),
        )
    }

    /// True when `word` is in the set (or shares its hash with a word that is).
    pub fn contains(&self, word: &str) -> bool {
        self.0.binary_search(&hash(word)).is_ok()
    }

    /// The hashes, sorted and distinct.
    pub fn hashes(&self) -> &[u64] {
        &self.0
    }

    /// The union of `self` and `other`.
    pub fn union(&self, other: &WordSet) -> WordSet {
        let mut all: Vec<u64> = self.0.iter().chain(&other.0).copied().collect();
        all.sort_unstable();
        all.dedup();
        WordSet(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_by_name() {
        let set = WordSet::words_of("x := errFoo(y_1)   + 3 + naïve");
        for w in ["x", "errFoo", "y_1", "3", "naïve"] {
            assert!(set.contains(w), "{w}");
        }
        for w in ["err", "Foo", "y", "", "z"] {
            assert!(!set.contains(w), "{w}");
        }
        assert_eq!(set.hashes().len(), 5);
        let both = set.union(&WordSet::of(["z", "x"]));
        assert!(both.contains("z") && both.contains("errFoo"));
        assert_eq!(both.hashes().len(), 6);
    }
}
