# Augmenting declarations for the Cython build of normalise.py (scripts/build_native.py): the loop of
# script_counts over a text's characters in C. The .py runs unchanged as plain Python (where it
# counts on the UTF-8 bytes instead, see script_counts). See the README, "Compiled hot modules".
import cython


@cython.locals(ch=Py_UCS4, dev=Py_ssize_t, lat=Py_ssize_t)
cpdef _counted_plain(str text)
