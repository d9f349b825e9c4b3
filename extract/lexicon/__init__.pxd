# Augmenting declarations for the Cython build of lexicon/__init__.py (scripts/build_native.py): the
# gazetteers and the word tokens they share as extension types (their attributes read as C fields in
# the matching loops), the chunk classing and the module's own helpers called as C functions. The .py
# runs unchanged as plain Python; these only tell the compiler what the code already guarantees (a
# span's chunks are a list, the classed chunks a dict). See the README, "Compiled hot modules".
import cython


cpdef _chunk_pattern(chunk)


cdef class Gazetteer:
    cdef public dict by_form, _by_first
    cdef public frozenset _firsts
    cdef public object _longest
    cdef public dict _opens, _found

    @cython.locals(opens=dict, found=set)
    cpdef set _opening(self, list chunks)
    cpdef bint _opens_form(self, chunk) except -1

    cpdef lookup(self, surface)


cpdef bint splits_apart(s) except -1


cdef class WordTokens:
    cdef public object norm, pos, endpos, low, chunks

    cpdef tuple all_tokens(self)


cpdef WordTokens word_tokens(norm, pos=*, endpos=*)
