# Augmenting declarations for the Cython build of tokens.py (scripts/build_native.py): Token as an
# extension type (its attributes C fields: a token is made with direct writes, no per-attribute
# descriptor call), and C calls between the module's own helpers (cpdef). The .py runs unchanged as
# plain Python. Offsets stay Python ints (they are read back as objects by every reader: no
# boxing); is_word and latin are bools (read back as True/False). _tokenizer, fresh_tokenizers and
# VOCABULARY_LIMIT stay plain module globals (tests replace them).
import cython


cdef class Token:
    cdef public object start, end, text, key, bare
    cdef public bint is_word, latin


cpdef tuple _word_info(text)
@cython.locals(tok=Token)
cpdef Token _token(start, end, text)
cpdef bint _word_start(Py_UCS4 ch) except -1
cpdef tuple _char_info(ch)
cpdef tuple _first_char(ch)
cpdef bint _starts_word(ch) except -1

# seg, a sentence's text or part of it, is always a slice of the working copy: a str itself (str
# slices are, whatever the copy's class)
@cython.locals(seg=str)
cpdef list tokenize(norm, start, end)
@cython.locals(seg=str, toks=list)
cpdef tuple tokenize_near(norm, start, end, a, b, before, after)
cpdef list _tokens(norm, start, str seg, lang)
@cython.locals(piece=str, spans=list)
cpdef _spacy_tokens(norm, str seg, base, Py_ssize_t a, Py_ssize_t b, lang, list out)
cpdef list _spacy_spans(text, lang)
@cython.locals(cuts=list, n=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t)
cpdef list _unit_cuts(str piece)
@cython.locals(cuts=list, units=list, known=list, missing=list, spans=list, new=dict, out=list, t=Py_ssize_t,
               k=Py_ssize_t, end=Py_ssize_t, at=Py_ssize_t, mine=list, table=dict)
cpdef list _unit_spans(str piece, lang)
cpdef tuple _window(str seg, a, b, before, after)
@cython.locals(head=str, parts=list, s=Py_ssize_t, e=Py_ssize_t)
cpdef _start_back(str seg, Py_ssize_t a, n)
@cython.locals(parts=list, s=Py_ssize_t, e=Py_ssize_t)
cpdef _end_on(str seg, Py_ssize_t b, n)
cpdef bint _clean(str seg, Py_ssize_t s, Py_ssize_t e) except -1
cpdef str _language(str seg)

cpdef bint is_name_word(tok) except -1
cpdef bint _is_name_word(tok) except -1
