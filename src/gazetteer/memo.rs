//! Remembered answers. A corpus names the same towns again and again, so
//! the ranking of a query (name, qualifier, focus) is computed once and
//! shared by every article and thread; the answer is the same as
//! [`Gazetteer::geocode`]'s, without the reasons. So is whether a name, as
//! written, is in the index at all: it is asked of every capitalised word.

use super::{Gazetteer, PlaceId, Query};
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

/// Independent locks, so that threads rarely wait for each other.
const SHARDS: usize = 16;
/// Entries per shard before it is emptied: memory stays bounded on any
/// corpus (about 16 × 4,096 short rankings).
const SHARD_CAPACITY: usize = 4096;

/// Ranked candidates: place and score, best first.
pub type Ranking = Arc<[(PlaceId, f64)]>;

/// A poisoned lock only means another thread panicked while holding it;
/// the map itself is still whole.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A bounded map behind independent locks.
struct Shards<K, V> {
    maps: [Mutex<FxHashMap<K, V>>; SHARDS],
}

impl<K, V> Default for Shards<K, V> {
    fn default() -> Self {
        Shards {
            maps: std::array::from_fn(|_| Mutex::default()),
        }
    }
}

impl<K: Hash + Eq, V: Clone> Shards<K, V> {
    /// The value remembered for `key`, or `compute`d and remembered under
    /// `owned(key)`.
    fn get_or<Q>(&self, key: &Q, owned: impl FnOnce(&Q) -> K, compute: impl FnOnce() -> V) -> V
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let mut h = FxHasher::default();
        key.hash(&mut h);
        let shard = &self.maps[h.finish() as usize % SHARDS];
        if let Some(v) = lock(shard).get(key) {
            return v.clone();
        }
        let v = compute();
        let mut map = lock(shard);
        if map.len() >= SHARD_CAPACITY {
            map.clear();
        }
        map.insert(owned(key), v.clone());
        v
    }
}

#[derive(Default)]
pub(crate) struct Memo {
    rankings: Shards<(Query, usize), Ranking>,
    /// Whether a name as written is known.
    names: Shards<Box<str>, bool>,
}

impl Gazetteer {
    /// The `limit` best candidates for a query, as [`Gazetteer::geocode`]
    /// ranks them, remembered for the next time the query is asked.
    pub fn ranking(&self, q: &Query, limit: usize) -> Ranking {
        self.memo
            .rankings
            .get_or(&(q.clone(), limit), Clone::clone, || {
                self.geocode(q)
                    .into_iter()
                    .take(limit)
                    .map(|c| (c.id, c.score))
                    .collect()
            })
    }

    /// Whether any place is known under a name as written (it is folded
    /// first, see [`fold`](super::fold)). Remembered by the text itself:
    /// text asks about the same capitalised words again and again.
    pub fn has_name(&self, name: &str) -> bool {
        self.memo.names.get_or(
            name,
            |n: &str| Box::from(n),
            || {
                let key = super::fold(name);
                self.user.index.contains_key(key.as_str()) || self.bundled.has_name(&key)
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_is_geocode_without_reasons() {
        let g = Gazetteer::bundled();
        let q = Query::parse("Portland, Oregon");
        let full: Vec<(PlaceId, f64)> = g
            .geocode(&q)
            .iter()
            .take(5)
            .map(|c| (c.id, c.score))
            .collect();
        assert_eq!(&*g.ranking(&q, 5), full.as_slice());
        // The second answer is the remembered one.
        assert!(Arc::ptr_eq(&g.ranking(&q, 5), &g.ranking(&q, 5)));
    }
}
