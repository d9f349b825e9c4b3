# Augmenting declarations for the Cython build of sentences.py (scripts/build_native.py): C calls
# between the module's own helpers (cpdef), C integers for the indexes of its loops and the working
# copy as a str where characters are read one by one (NormText.norm is a plain str, a subclass's
# text too). The .py runs unchanged as plain Python. Sentence stays a slotted dataclass (made with
# object.__new__); offsets stored in a Sentence or returned stay Python ints (no boxing).
import cython


@cython.locals(out=list, after=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t)
cpdef list _ends(str norm, list found, Py_ssize_t end)

@cython.locals(i=Py_ssize_t)
cpdef bint _is_abbreviation(str norm, Py_ssize_t dot, Py_ssize_t block_start) except -1

@cython.locals(norm=str, out=list, blocks=list, marks=list, inside=list, k=Py_ssize_t, dot=Py_ssize_t)
cpdef list split(layout)

@cython.locals(norm=str)
cpdef _add(list out, layout, block, Py_ssize_t s, Py_ssize_t e)
cpdef _sentence(index, start, end, nstart, nend, block)
