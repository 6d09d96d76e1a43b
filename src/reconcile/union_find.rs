//! Union-find over indices, for the groups that join: articles into
//! events, accusations into the sides that blame each other.

/// Union-find over indices: the root of `i`'s set, halving the path.
pub(super) fn root(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Union-find: joins the sets of `a` and `b` under the smaller root.
pub(super) fn join(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (root(parent, a), root(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}
