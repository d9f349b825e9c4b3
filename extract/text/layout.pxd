# Augmenting declarations for the Cython build of layout.py (scripts/build_native.py): C calls between
# the module's own helpers (cpdef), C integers for line indexes and C truth values for the line tests.
# The .py runs unchanged as plain Python. Block and Layout stay slotted dataclasses (a Block made
# with object.__new__). The working copy is read as a plain str (NormText.norm is one); offsets
# stored in a block or a span stay Python ints (no boxing). A function holding a generator
# expression (_line_checks, _author_lines, _checks) stays a plain def.
import cython


cpdef str _gate_fold(t)
cpdef list _lines(norm, unmarked=*)
cpdef list _segments(norm, s, e, unmarked)
@cython.locals(s=str)
cpdef tuple _classify(line, bint mostly_devanagari, bint top, bint may_mark=*)
# s: a stripped line (str.strip gives a plain str, whatever the line's class)
@cython.locals(head=str, last=str, key=tuple, checks=tuple, rests=tuple)
cpdef _first_marker(str s, bint top)
cpdef bint _headline_like(line) except -1
cpdef bint _title_like(body) except -1
cpdef bint _top_chrome(line, bint mostly_devanagari) except -1
cpdef bint _joins_next(line, nxt, bint headline=*) except -1
cpdef bint _amount_goes_on(line, nxt, kind) except -1
@cython.locals(i=Py_ssize_t)
cpdef str _next_text(list texts, Py_ssize_t i)
cpdef bint _section_label(list texts, Py_ssize_t i, bint mostly_devanagari) except -1
@cython.locals(norm=str, spans=list, texts=list, kinds=list, blocks=list, i=Py_ssize_t, j=Py_ssize_t,
               top=bint, mostly_dev=bint, seen_title=bint, seen_text=bint)
cpdef analyse(text)
cpdef _block(nt, s, e, kind, rule)
