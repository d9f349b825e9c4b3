# Augmenting declarations for the Cython build of facts.py (scripts/build_native.py): C types for the
# hot paths of the fact analysis (the cue walk over a token table, the per-sentence analysis and its
# look-ups). The .py runs unchanged as plain Python; these only tell the compiler what the code
# already guarantees (a token table is two lists and a str, a trie node a dict, an offset an int). See the
# README, "Compiled hot modules". Offsets that are returned or stored stay Python ints (no boxing).
import cython


cpdef list _folded(list toks, text)

@cython.locals(keys=list, parts=list, toks=list)
cpdef tuple _token_table(text, start=*, end=*)


cdef class CueIndex:
    cdef public dict trie
    cdef public object _nodes

    cpdef dict _frozen(self)

    @cython.locals(first=dict, out=list, n=Py_ssize_t, located=Py_ssize_t, pos=Py_ssize_t, i=Py_ssize_t,
                   s=Py_ssize_t, e=Py_ssize_t, upto=Py_ssize_t, j=Py_ssize_t, labels=tuple, children=dict,
                   node=tuple, tok=str, c=Py_UCS4)
    cpdef list walk(self, list keys, list toks, str read, Py_ssize_t start)

    @cython.locals(keys=list, toks=list)
    cpdef list scan(self, text, start=*, end=*)


cdef class PhraseGate:
    cdef public object _anchors
    cdef public dict by_anchor


@cython.locals(n=Py_ssize_t, i=Py_ssize_t, p=Py_ssize_t)
cpdef bint _in_order(text, toks) except -1


cdef class SentenceFacts:
    cdef public object doc, sent, numbers
    cdef public list figs
    cdef public object states, hits
    cdef public dict by_label, by_cat
    cdef public object _english, _breaks, _explicit, looking_back

    cpdef label(self, cat, label)

    @cython.locals(hits=list, h=tuple)
    cpdef bint has(self, cat, label, start, end) except -1

    cpdef explicit(self)


cdef class _DocFacts:
    cdef public object doc
    cdef public dict sentences, previous
    cdef public list order
    cdef public object n_body, _plan

    @cython.locals(order=list, numbers=list, analyses=list, last=Py_ssize_t, k=Py_ssize_t)
    cpdef tuple plan(self)

    @cython.locals(sf=SentenceFacts)
    cpdef SentenceFacts unless_quiet(self, sent)

    @cython.locals(sf=SentenceFacts)
    cpdef SentenceFacts _unless_quiet(self, sent, numbers, bint named)

    @cython.locals(sf=SentenceFacts)
    cpdef SentenceFacts sentence(self, sent)

    @cython.locals(sf=SentenceFacts)
    cpdef SentenceFacts _analyse(self, sent, numbers)


cpdef bint _may_date(norm, sent, numbers) except -1

cpdef _doc_facts(doc)
