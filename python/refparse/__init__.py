"""refparse: parse free-text bibliographic references into CSL-JSON.

A binding (ctypes) to the C library librefparse; nothing is compiled for
it. Every function returns plain Python data:

    >>> import refparse
    >>> item = refparse.parse("Murry CE, Soonpaa MH. Haematopoietic stem cells. "
    ...                       "Nature. 2004;428(6983):664-8.")
    >>> item["page"], item["author"][0]
    ('664-668', {'family': 'Murry', 'given': 'C. E.'})

parse() and parse_many() give CSL-JSON items (dicts) exactly as
`refparse parse` writes them, refparse's extras under "custom": "warnings"
(code, offset, length, message: offset and length are UTF-8 byte positions
in the input), "et-al", "author-ascii". With spans=True each item also has
custom["spans"]: {CSL field name: [offset, length]} in UTF-8 bytes of the
input, for every field read from it.

normalize() gives {"text": cleaned reference, "warnings": [...]}.
write() turns references into a whole file in one of the library's formats
("csl-json", "csl-jsonl", "bibtex", "ris", "tsv", "vancouver").

Threads: a Parser is immutable and may be shared by threads; the C calls
release the GIL (ctypes), and parse_many() parses on several threads in C.
The module-level functions use one default Parser made on first use.
Errors from the library raise RefparseError (a ValueError); messy input is
not an error.
"""
import ctypes
import ctypes.util
import json
import os
import threading

from . import _paths

__all__ = ["Parser", "RefparseError", "parse", "parse_many", "normalize", "write",
           "version", "FORMATS"]

FORMATS = ("csl-jsonl", "csl-json", "bibtex", "ris", "tsv", "vancouver")

# refparse.h: option bits, writer flags, rp_parse_many modes, rp_field count
OPT_NO_JIT = 1 << 9
OPT_TITLECASE_NAMES = 1 << 8
WRITE_ID_NUMERIC = 1 << 0
WRITE_NO_CUSTOM = 1 << 1
WRITE_ET_AL_OTHERS = 1 << 2
WRITE_ET_AL = 1 << 3
MANY_NORMALIZE = 1 << 0


class RefparseError(ValueError):
    """A status other than RP_OK from the library; .status is its code."""

    def __init__(self, status, what):
        self.status = status
        super().__init__(f"{what}: {_lib.rp_strerror(status).decode()}")


class _Span(ctypes.Structure):
    _fields_ = [("off", ctypes.c_size_t), ("len", ctypes.c_size_t)]


def _load():
    names = [os.environ.get("REFPARSE_LIBRARY")] + _paths.LIBRARIES + [ctypes.util.find_library("refparse")]
    errors = []
    for name in names:
        if not name:
            continue
        try:
            return ctypes.CDLL(name)
        except OSError as e:
            errors.append(str(e))
    raise ImportError("librefparse not found (set REFPARSE_LIBRARY): " + "; ".join(errors))


def _declare(lib):
    P, S, U, I = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int
    PP, PS, C = ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_size_t), ctypes.c_char_p
    sig = {
        "rp_strerror": (C, [I]),
        "rp_version_string": (C, []),
        "rp_options_new": (P, []),
        "rp_options_free": (None, [P]),
        "rp_options_flags": (U, [P]),
        "rp_options_set_flags": (I, [P, U]),
        "rp_options_set_max_length": (I, [P, S]),
        "rp_parser_new": (I, [P, PP]),
        "rp_parser_free": (None, [P]),
        "rp_parse": (I, [P, C, S, PP]),
        "rp_normalize": (I, [P, C, S, PP]),
        "rp_parse_many": (I, [P, ctypes.POINTER(C), PS, S, U, U, PP, ctypes.POINTER(I)]),
        "rp_result_free": (None, [P]),
        "rp_free": (None, [P]),
        "rp_result_text": (C, [P]),
        "rp_result_field": (C, [P, I, ctypes.POINTER(_Span)]),
        "rp_field_name": (C, [I]),
        "rp_result_warning_count": (S, [P]),
        "rp_result_warning": (I, [P, S, ctypes.POINTER(_Span), ctypes.POINTER(C)]),
        "rp_warning_name": (C, [I]),
        "rp_write_csljson": (I, [P, C, S, U, PP, PS]),
        "rp_format_from_name": (I, [C, ctypes.POINTER(I)]),
        "rp_writer_new": (I, [P, I, U, PP]),
        "rp_writer_free": (None, [P]),
        "rp_writer_begin": (I, [P, PP, PS]),
        "rp_writer_add": (I, [P, P, C, S, PP, PS]),
        "rp_writer_end": (I, [P, PP, PS]),
    }
    for name, (res, args) in sig.items():
        f = getattr(lib, name)
        f.restype, f.argtypes = res, args
    return lib


_lib = _declare(_load())
_FIELD_COUNT = 28  # RP_FIELD_COUNT_


def version():
    """The linked library's version string ("0.1.0")."""
    return _lib.rp_version_string().decode()


def _bytes(text):
    return text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)


def _take(ptr, n):
    """The library's (ptr, n) output as str; ptr freed."""
    try:
        return ctypes.string_at(ptr, n).decode("utf-8")
    finally:
        _lib.rp_free(ptr)


def _id_args(ident):
    """(bytes, flags) for an id: an int is written as a JSON number."""
    if isinstance(ident, bool) or not isinstance(ident, (int, str)):
        raise TypeError("id must be an int or a str")
    if isinstance(ident, int):
        return str(ident).encode(), WRITE_ID_NUMERIC
    return ident.encode("utf-8"), 0


def _texts_ids(texts, ids):
    """texts and ids as lists; ids default to 1, 2, 3, ..."""
    texts = list(texts)
    ids = list(range(1, len(texts) + 1)) if ids is None else list(ids)
    if len(ids) != len(texts):
        raise ValueError("ids and texts differ in length")
    return texts, ids


class Parser:
    """A parser with its options; immutable, shareable across threads.

    no_jit: match with PCRE2's interpreter; titlecase_names: MURRY -> Murry;
    max_length: bytes of a reference read (longer input is truncated with
    a warning); flags: the raw RP_OPT_* set (None: the library's defaults).
    """

    def __init__(self, *, no_jit=False, titlecase_names=False, max_length=None, flags=None):
        opts = _lib.rp_options_new()
        if not opts:
            raise MemoryError("rp_options_new")
        try:
            f = _lib.rp_options_flags(opts) if flags is None else flags
            f |= (OPT_NO_JIT if no_jit else 0) | (OPT_TITLECASE_NAMES if titlecase_names else 0)
            _lib.rp_options_set_flags(opts, f)
            if max_length is not None:
                st = _lib.rp_options_set_max_length(opts, max_length)
                if st:
                    raise RefparseError(st, "max_length")
            p = ctypes.c_void_p()
            st = _lib.rp_parser_new(opts, ctypes.byref(p))
            if st:
                raise RefparseError(st, "rp_parser_new")
            self._p = p
        finally:
            _lib.rp_options_free(opts)

    def __del__(self):
        p = getattr(self, "_p", None)
        if p and _lib:
            _lib.rp_parser_free(p)
            self._p = None

    def _item(self, res, ident, custom, spans, et_al_others):
        data, flags = _id_args(ident)
        flags |= (0 if custom else WRITE_NO_CUSTOM) | (WRITE_ET_AL_OTHERS if et_al_others else 0)
        out, n = ctypes.c_void_p(), ctypes.c_size_t()
        st = _lib.rp_write_csljson(res, data, len(data), flags, ctypes.byref(out), ctypes.byref(n))
        if st:
            raise RefparseError(st, "rp_write_csljson")
        item = json.loads(_take(out, n.value))
        if spans:
            sp = {}
            span = _Span()
            for f in range(_FIELD_COUNT):
                if _lib.rp_result_field(res, f, ctypes.byref(span)) is not None and span.len:
                    sp[_lib.rp_field_name(f).decode()] = [span.off, span.len]
            item.setdefault("custom", {})["spans"] = sp
        return item

    def parse(self, text, *, id=1, custom=True, spans=False, et_al_others=False):
        """One reference (str or UTF-8 bytes) -> its CSL-JSON item (dict).

        id: the item's "id" (int: a JSON number, str: a string); custom:
        keep refparse's "custom" object (warnings, et-al, ASCII keys);
        spans: add custom["spans"]; et_al_others: end a list that had
        "et al." with {"literal": "others"} (pandoc's form)."""
        res = self._one(_lib.rp_parse, text, "rp_parse")
        try:
            return self._item(res, id, custom, spans, et_al_others)
        finally:
            _lib.rp_result_free(res)

    def _one(self, fn, text, what):
        """rp_parse or rp_normalize on text: the result (caller frees)."""
        data = _bytes(text)
        res = ctypes.c_void_p()
        st = fn(self._p, data, len(data), ctypes.byref(res))
        if st:
            raise RefparseError(st, what)
        return res

    def _many(self, texts, threads, mode):
        datas = [_bytes(t) for t in texts]
        n = len(datas)
        arr = (ctypes.c_char_p * n)(*datas)
        lens = (ctypes.c_size_t * n)(*[len(d) for d in datas])
        res = (ctypes.c_void_p * n)()
        sts = (ctypes.c_int * n)()
        if threads is None:
            threads = os.cpu_count() or 1
        _lib.rp_parse_many(self._p, arr, lens, n, max(0, int(threads)), mode, res, sts)
        return res, sts

    def parse_many(self, texts, *, threads=None, ids=None, custom=True, spans=False,
                   et_al_others=False):
        """Many references -> their items, in input order, parsed on
        `threads` threads in C (default: the number of cores). ids: one per
        text (default 1, 2, 3, ... as numbers, as `refparse parse` numbers
        lines). Raises RefparseError when a reference cannot be parsed."""
        texts, ids = _texts_ids(texts, ids)
        res, sts = self._many(texts, threads, 0)
        try:
            out = []
            for i in range(len(texts)):
                if sts[i]:
                    raise RefparseError(sts[i], f"rp_parse_many (reference {i})")
                out.append(self._item(res[i], ids[i], custom, spans, et_al_others))
            return out
        finally:
            for r in res:
                _lib.rp_result_free(r)

    def normalize(self, text):
        """One reference -> {"text": cleaned reference, "warnings": [{"code",
        "offset", "length", "message"}]} (offset and length: UTF-8 bytes of
        the input)."""
        res = self._one(_lib.rp_normalize, text, "rp_normalize")
        try:
            warnings = []
            span, msg = _Span(), ctypes.c_char_p()
            for i in range(_lib.rp_result_warning_count(res)):
                code = _lib.rp_result_warning(res, i, ctypes.byref(span), ctypes.byref(msg))
                w = {"code": _lib.rp_warning_name(code).decode(), "offset": span.off,
                     "length": span.len}
                if msg.value is not None:
                    w["message"] = msg.value.decode("utf-8", "replace")
                warnings.append(w)
            return {"text": _lib.rp_result_text(res).decode("utf-8"), "warnings": warnings}
        finally:
            _lib.rp_result_free(res)

    def write(self, texts, format="csl-json", *, threads=None, ids=None, custom=True):
        """Many references -> one file (str) in a library format, exactly as
        `refparse parse --to FORMAT` writes it for text input."""
        fmt = ctypes.c_int()
        if _lib.rp_format_from_name(format.encode(), ctypes.byref(fmt)):
            raise ValueError(f"unknown format {format!r}; one of {', '.join(FORMATS)}")
        texts, ids = _texts_ids(texts, ids)
        flags = (0 if custom else WRITE_NO_CUSTOM) | (WRITE_ET_AL if format == "csl-json" else 0)
        if all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
            flags |= WRITE_ID_NUMERIC
        w = ctypes.c_void_p()
        st = _lib.rp_writer_new(self._p, fmt.value, flags, ctypes.byref(w))
        if st:
            raise RefparseError(st, "rp_writer_new")
        res, sts = self._many(texts, threads, 0)
        parts = []
        try:
            out, n = ctypes.c_void_p(), ctypes.c_size_t()

            def put(status, what):
                if status:
                    raise RefparseError(status, what)
                parts.append(_take(out, n.value))

            put(_lib.rp_writer_begin(w, ctypes.byref(out), ctypes.byref(n)), "rp_writer_begin")
            for i in range(len(texts)):
                if sts[i]:
                    raise RefparseError(sts[i], f"rp_parse_many (reference {i})")
                data = str(ids[i]).encode("utf-8")
                put(_lib.rp_writer_add(w, res[i], data, len(data), ctypes.byref(out), ctypes.byref(n)),
                    "rp_writer_add")
            put(_lib.rp_writer_end(w, ctypes.byref(out), ctypes.byref(n)), "rp_writer_end")
            return "".join(parts)
        finally:
            _lib.rp_writer_free(w)
            for r in res:
                _lib.rp_result_free(r)


_default = None
_default_lock = threading.Lock()


def _parser():
    global _default
    with _default_lock:
        if _default is None:
            _default = Parser()
        return _default


def parse(text, **kw):
    """Parser().parse with the default parser."""
    return _parser().parse(text, **kw)


def parse_many(texts, threads=None, **kw):
    """Parser().parse_many with the default parser."""
    return _parser().parse_many(texts, threads=threads, **kw)


def normalize(text):
    """Parser().normalize with the default parser."""
    return _parser().normalize(text)


def write(texts, format="csl-json", **kw):
    """Parser().write with the default parser."""
    return _parser().write(texts, format, **kw)
