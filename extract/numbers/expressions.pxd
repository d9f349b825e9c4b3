# Augmenting declarations for the Cython build of expressions.py (scripts/build_native.py): C types
# for the offsets of the hot functions, and C calls between them (cpdef: the module's own calls skip
# the Python call protocol; callers elsewhere still see Python functions). The .py runs unchanged as
# plain Python; these only tell the compiler what the code already guarantees (an offset is an int,
# a token's text a non-empty str). Values (int or Decimal, unbounded) stay Python objects.
import cython


cpdef _add(a, b)
cpdef _mul(a, b)
cpdef _exact(v)
cpdef _digits(t)

@cython.locals(n=Py_ssize_t, i=Py_ssize_t, used=Py_ssize_t, cur_at=Py_ssize_t, t=str, first=str)
cpdef tuple _read(toks, lx)

cpdef _orig(nt, s, e)
cpdef _expr(nt, ns, ne, value, str kind, tuple scale=*, currency=*, qualifier=*, value_high=*, unit=*,
            unit_text=*, period=*, out_of=*)

@cython.locals(used=Py_ssize_t)
cpdef tuple _on_num(hit, nt)

cpdef _range_low(r1, r2)

@cython.locals(nkept=Py_ssize_t, last=Py_ssize_t, rank=Py_ssize_t)
cpdef tuple _finish(hit, nt, r1, r2, toks, bint with_suffix, Py_ssize_t n1=*, lx=*)

@cython.locals(c=Py_UCS4, i=Py_ssize_t, j=Py_ssize_t)
cpdef bint _bare_figure(str norm, Py_ssize_t at, Py_ssize_t end, Py_ssize_t n) except -1

cpdef _bare_expr(nt, at, end, str t)
cpdef _word_class(t, starts, dict classes)
@cython.locals(parts=list, out=list, at=Py_ssize_t, i=Py_ssize_t, t=str)
cpdef tuple _chunk_tokens(str chunk, tokenizer, dict chunks)

@cython.locals(nparts=Py_ssize_t, ntoks=Py_ssize_t, chunk=str, rel=Py_ssize_t, s=Py_ssize_t, t=str)
cpdef list _tokens_ahead(list parts, Py_ssize_t k, Py_ssize_t cs, tuple toks, Py_ssize_t i, Py_ssize_t e,
                         Py_ssize_t end, Py_ssize_t count, tokenizer, dict chunks)
cpdef _scan()
cpdef tuple _scanner()

@cython.locals(norm=str, n=Py_ssize_t, j=Py_ssize_t, t=str, c=Py_UCS4, classes=dict, chunks=dict, chunk=str,
               toks=tuple, rel=Py_ssize_t, parts=list, k=Py_ssize_t, ti=Py_ssize_t, cs=Py_ssize_t, at0=Py_ssize_t, at=Py_ssize_t, e=Py_ssize_t, pos=Py_ssize_t)
cpdef list find_in(nt)

@cython.locals(norm=str, i=Py_ssize_t, j=Py_ssize_t, last_count=Py_ssize_t)
cpdef list _units_before(nt, list out, tokenizer=*)
