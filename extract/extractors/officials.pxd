# Augmenting declarations for the Cython build of officials.py (scripts/build_native.py): C calls
# between the module's own readers (cpdef: the module's calls skip the Python call protocol; callers
# elsewhere still see Python functions), a token list typed as a list and token indexes as C
# integers where the code only ever holds an int in them. The .py runs unchanged as plain Python.
# A token is read as an object (a list from tokenize_near holds fences, tokens.FENCES, that raise
# OutsideWindow when read), and a function with a closure (a generator expression, a nested def)
# stays a Python function.
import cython


cpdef list _joined_at_initials(doc)
@cython.locals(tail=str, end=str, before=str)
cpdef bint _ends_in_initial(norm, sent, letters) except -1
@cython.locals(table=dict, found=list)
cpdef frozenset _firsts_in(chunks)
cpdef frozenset _chunk_firsts(chunk)
@cython.locals(low=str)
cpdef list _titles_in(norm, pos, endpos)
@cython.locals(low=str, found=list)
cpdef _article_titles(norm, words)
@cython.locals(low=str, starts=list, found=list, here=list, i=Py_ssize_t, j=Py_ssize_t)
cpdef list _sentence_titles(article, norm, Py_ssize_t pos, Py_ssize_t endpos)
cpdef bint _word_char(Py_UCS4 ch) except -1
cpdef bint _regex_space(Py_UCS4 ch) except -1
@cython.locals(c=Py_UCS4, j=Py_ssize_t, k=Py_ssize_t)
cpdef Py_ssize_t _next_word_end(str low, Py_ssize_t e, Py_ssize_t b) except? -2
@cython.locals(j=Py_ssize_t)
cpdef Py_ssize_t _word_start_back(str low, Py_ssize_t k) except? -2
@cython.locals(out=list, words=list, ends=list, k=Py_ssize_t, prefixes=frozenset, nxt=Py_ssize_t, start=Py_ssize_t)
cpdef list _titles_at(str low, a, b, list found, base, dict forms, longest)
cpdef list _in_sentence(doc, sent, matches)
cpdef list _chains(list toks, list titles)

cpdef _title_first(list toks, i0, after, bracket=*)
cpdef _org_after_name(list toks, Py_ssize_t last)
cpdef _org_before_region(list toks, Py_ssize_t end)
cpdef _antecedent_org(list toks, before)
@cython.locals(j=Py_ssize_t)
cpdef _bracket_after(list toks, Py_ssize_t i1)
@cython.locals(i=Py_ssize_t, first=Py_ssize_t)
cpdef _name_before(list toks, Py_ssize_t end)
cpdef bint _are_initials(text) except -1
cpdef bint _is_initial(list toks, Py_ssize_t i) except -1
@cython.locals(k=Py_ssize_t)
cpdef Py_ssize_t _take_initials_back(list toks, Py_ssize_t i) except? -2
cpdef bint _speaks(list toks, tuple name) except -1
cpdef _honorific_text(list toks, Py_ssize_t i)
@cython.locals(j=Py_ssize_t)
cpdef _honorific_before(list toks, Py_ssize_t first)
@cython.locals(i=Py_ssize_t, first=Py_ssize_t, words=Py_ssize_t, k=Py_ssize_t, n=Py_ssize_t, dot_next=bint, last=Py_ssize_t)
cpdef _name_after(list toks, Py_ssize_t start)
@cython.locals(k=Py_ssize_t, h=Py_ssize_t)
cpdef _portfolio_after(list toks, Py_ssize_t j)
cpdef bint _named_then_speaks(list toks, i) except -1
@cython.locals(k=Py_ssize_t, h=Py_ssize_t)
cpdef _org_then_name(list toks, Py_ssize_t j)
@cython.locals(k=Py_ssize_t)
cpdef _org_run_after(list toks, Py_ssize_t j)
@cython.locals(end=Py_ssize_t)
cpdef _known_org_at(list toks, Py_ssize_t start)
@cython.locals(first=Py_ssize_t)
cpdef _known_org_ending(list toks, Py_ssize_t end)
cpdef bint _can_end_org(text) except -1
cpdef bint _is_acronym(t) except -1
@cython.locals(j=Py_ssize_t, words=Py_ssize_t)
cpdef Py_ssize_t _segment_end(list toks, Py_ssize_t i) except? -2
cpdef _org_segments_after(list toks, i)
cpdef _org_before(list toks, end, adjacent=*)
@cython.locals(i=Py_ssize_t)
cpdef Py_ssize_t _org_by_head(list toks, Py_ssize_t end) except? -2
@cython.locals(i=Py_ssize_t)
cpdef _org_by_portfolio(list toks, Py_ssize_t end)
cpdef str _text(doc, list toks, a, b)
cpdef bint _is_union(list toks, Py_ssize_t i) except -1
cpdef _record(doc, sent, rule, start, end, toks, name, desig, entry, org, union=*, org_text=*)
cpdef _latin_spellings(doc)
