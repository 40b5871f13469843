//! The headline index's arrays held either in memory or in the kept
//! index's file, mapped: a search reads them where they lie instead of
//! copying 170 MB into fresh memory first (at 100k issues, 962k
//! headlines, half of a 0.22–0.26 s `search` was that copy's page faults
//! and memmove; see `stored`). A mapped array is copied into memory only
//! when it is changed ([`Held::to_mut`]), as a title correction or a
//! structural one changes it.

use std::sync::Arc;

/// Types every bit pattern of whose size is a valid value, with no
/// padding, laid out as the stored index lays them out (`#[repr(C)]`,
/// little-endian fields in declaration order).
///
/// # Safety
/// An implementor must be `#[repr(C)]` (or a primitive) with no padding
/// bytes, and valid for any bytes.
pub(in crate::search) unsafe trait Plain: Copy {}

unsafe impl Plain for u8 {}

/// An array in memory, or a slice of a mapped file.
pub(in crate::search) enum Held<T: Plain> {
    Owned(Vec<T>),
    Mapped {
        map: Arc<memmap2::Mmap>,
        at: usize,
        len: usize,
    },
}

impl<T: Plain> Held<T> {
    /// `len` items of `map` from byte `at`, when they lie within it at an
    /// address aligned for `T`.
    pub(super) fn mapped(map: &Arc<memmap2::Mmap>, at: usize, len: usize) -> Option<Held<T>> {
        let bytes = len.checked_mul(size_of::<T>())?;
        let slice = map.get(at..at.checked_add(bytes)?)?;
        if !(slice.as_ptr() as usize).is_multiple_of(align_of::<T>()) || cfg!(target_endian = "big")
        {
            return None;
        }
        Some(Held::Mapped {
            map: Arc::clone(map),
            at,
            len,
        })
    }

    /// The array in memory, copied there first when it is mapped.
    pub(super) fn to_mut(&mut self) -> &mut Vec<T> {
        if let Held::Mapped { .. } = self {
            *self = Held::Owned(self.to_vec());
        }
        match self {
            Held::Owned(v) => v,
            Held::Mapped { .. } => unreachable!("copied above"),
        }
    }

    /// The bytes it holds in memory (none when mapped).
    pub(super) fn heap_bytes(&self) -> usize {
        match self {
            Held::Owned(v) => v.capacity() * size_of::<T>(),
            Held::Mapped { .. } => 0,
        }
    }
}

impl<T: Plain> std::ops::Deref for Held<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Held::Owned(v) => v,
            Held::Mapped { map, at, len } => {
                // SAFETY: `mapped` checked that `len` items from `at` lie
                // within the map and are aligned for `T`; `T: Plain` is
                // valid for any bytes. The map is of a cache file that is
                // never written in place (see `index::skeleton::map`), and
                // the `Arc` keeps it mapped as long as `self` lives. (No
                // bounds check here: the filter derefs in its inner loops.)
                unsafe { std::slice::from_raw_parts(map.as_ptr().add(*at).cast::<T>(), *len) }
            }
        }
    }
}

impl<T: Plain> Clone for Held<T> {
    /// A copy of what is in memory; a mapped array shares the map.
    fn clone(&self) -> Held<T> {
        match self {
            Held::Owned(v) => Held::Owned(v.clone()),
            Held::Mapped { map, at, len } => Held::Mapped {
                map: Arc::clone(map),
                at: *at,
                len: *len,
            },
        }
    }
}

impl<T: Plain + std::fmt::Debug> std::fmt::Debug for Held<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: Plain> Default for Held<T> {
    fn default() -> Held<T> {
        Held::Owned(Vec::new())
    }
}

/// The headlines' texts, one after another: UTF-8 throughout, since it is
/// checked when mapped and only `&str`s are ever added.
#[derive(Clone, Default)]
pub(in crate::search) struct Arena(Held<u8>);

impl Arena {
    /// `len` bytes of `map` from `at`, when they are UTF-8.
    pub(super) fn mapped(map: &Arc<memmap2::Mmap>, at: usize, len: usize) -> Option<Arena> {
        let bytes = map.get(at..at.checked_add(len)?)?;
        simdutf8::basic::from_utf8(bytes).ok()?;
        Held::mapped(map, at, len).map(Arena)
    }

    pub(super) fn from_string(s: String) -> Arena {
        Arena(Held::Owned(s.into_bytes()))
    }

    pub(super) fn as_str(&self) -> &str {
        // SAFETY: UTF-8 when mapped (checked above) or made from a
        // `String`, and `push_str` only ever adds whole `&str`s.
        unsafe { std::str::from_utf8_unchecked(&self.0) }
    }

    pub(super) fn push_str(&mut self, s: &str) {
        self.0.to_mut().extend_from_slice(s.as_bytes());
    }

    pub(super) fn shrink_to_fit(&mut self) {
        if let Held::Owned(v) = &mut self.0 {
            v.shrink_to_fit();
        }
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.0.heap_bytes()
    }
}

impl std::ops::Deref for Arena {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}
