# Augmenting declarations for the Cython build of phrases.py (scripts/build_native.py): C types
# for the hot loops of the phrase scanner. The .py runs unchanged as plain Python; these only tell
# the compiler what the code already guarantees (every offset an int, `norm` a str, a trie node a
# dict). See the README, "Compiled hot modules".
import cython


cdef class Words:
    cdef public str norm
    cdef public dict _at
    cdef public object plain
    cdef public tuple stop
    cpdef get(self, pos)


cdef class FormTrie:
    cdef public dict root
    cdef public dict first

    @cython.locals(norm=str, c=Py_UCS4, w=object, node=object, e=Py_ssize_t)
    cpdef Py_ssize_t match(self, Words words, pos) except? -2

    @cython.locals(norm=str, n=Py_ssize_t, best=Py_ssize_t, r=Py_ssize_t, e=Py_ssize_t, end=Py_ssize_t)
    cpdef Py_ssize_t _walk(self, Words words, dict node, Py_ssize_t q) except? -2


cpdef gap(str norm, q)


cpdef tuple _step(str norm, q)


@cython.locals(norm=str, n=Py_ssize_t, first=dict, plain=bint, stop=tuple, step=tuple,
               r=Py_ssize_t, e=Py_ssize_t, c=str)
cpdef list _read_on(Words words, Py_ssize_t q, Py_ssize_t count, FormTrie trie, match, list out)


cdef class Scanner:
    cdef public object max_tokens
    cdef public FormTrie before, after, between, number_token, count_noun, noun, modifier
    cdef public frozenset scale_keys
    cdef public object digits, _kept, _token, _after_match

    cpdef Words words(self, norm, plain=*)

    @cython.locals(norm=str, n=Py_ssize_t, c=Py_UCS4, e=Py_ssize_t)
    cpdef Py_ssize_t token(self, Words words, Py_ssize_t pos) except? -2

    @cython.locals(norm=str, e=Py_ssize_t)
    cpdef list run(self, Words words, Py_ssize_t pos)

    @cython.locals(norm=str, c=str, n=Py_ssize_t, before=FormTrie, between=FormTrie, e=Py_ssize_t, pre=list,
                   toks=list, toks2=list, step=tuple)
    cpdef scan(self, Words words, Py_ssize_t at)

    @cython.locals(e=Py_ssize_t)
    cpdef tuple noun_after(self, Words words, q)

    @cython.locals(norm=str, first=dict, e=Py_ssize_t, ne=Py_ssize_t)
    cpdef tuple modified_noun(self, Words words, q)
