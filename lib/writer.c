#include "writer.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "lexicon.h"
#include "simd.h"

/* Bytes a JSON string literal escapes: controls, '"', '\\', DEL. */
#define E1(c) ((c) < 0x20 || (c) == '"' || (c) == '\\' || (c) == 0x7F)
#define E4(c) E1(c), E1(c + 1), E1(c + 2), E1(c + 3)
#define E16(c) E4(c), E4(c + 4), E4(c + 8), E4(c + 12)
static const bool json_escaped[128] = {E16(0),  E16(16), E16(32), E16(48),
                                       E16(64), E16(80), E16(96), E16(112)};

/* Non-zero when any of the 8 bytes of v is one json_escaped marks (a
 * control, '"', '\\' or DEL); bytes >= 0x80 never are. Each term is the
 * exact "some byte is zero / below 0x20" word test, so the answer is exact
 * (which bit is set is not used: a flagged word is redone byte by byte). */
static inline uint64_t escapes_in(uint64_t v) {
  const uint64_t ones = UINT64_C(0x0101010101010101), high = ones * 0x80;
  uint64_t q = v ^ (ones * '"'), bs = v ^ (ones * '\\'), del = v ^ (ones * 0x7F);
  return (((v - ones * 0x20) & ~v) | ((q - ones) & ~q) | ((bs - ones) & ~bs) |
          ((del - ones) & ~del)) &
         high;
}

/* The escape of a byte json_escaped marks; returns its length. */
static size_t escape(char *d, unsigned char c) {
  static const char hex[] = "0123456789abcdef";
  char e = c == '"' ? '"' : c == '\\' ? '\\' : c == '\n' ? 'n' : c == '\t' ? 't' : c == '\r' ? 'r' : 0;
  d[0] = '\\';
  if (e) {
    d[1] = e;
    return 2;
  }
  d[1] = 'u';
  d[2] = '0';
  d[3] = '0';
  d[4] = hex[c >> 4];
  d[5] = hex[c & 15];
  return 6;
}

/* Writes the escape of c at d, after reserving what it adds to the rest
 * (rest more bytes and the closing quote); returns the new d, or NULL when
 * the buffer could not grow (err set, contents kept). */
static char *escape_at(rpi_buf *b, char *d, unsigned char c, size_t rest) {
  char t[6];
  size_t k = escape(t, c);
  b->len = (size_t)(d - b->p);
  if (!rpi_buf_reserve(b, k + rest + 1)) {
    b->p[b->len] = '\0';
    return NULL;
  }
  d = b->p + b->len;
  memcpy(d, t, k);
  return d + k;
}

#if RPI_SSE2
/* Bit i set when byte i of v is one json_escaped marks (<= 0x1F, '"', '\\',
 * DEL). */
static inline unsigned escapes16(rpi_v16 v) {
  rpi_v16 ctl = rpi_v16_le(v, 0x1F), q = rpi_v16_eq(v, '"');
  rpi_v16 bs = rpi_v16_eq(v, '\\'), del = rpi_v16_eq(v, 0x7F);
  return rpi_v16_mask(rpi_v16_or(rpi_v16_or(ctl, q), rpi_v16_or(bs, del)));
}
#endif

/* Written in place: room for the quotes and the bytes as they are is
 * reserved first, and each escape reserves what it adds, so the buffer
 * grows (or fails with err) exactly as with one append per piece; clean
 * 16- and 8-byte blocks are copied whole. */
void rpi_json_str(rpi_buf *b, const char *s, size_t n) {
  if (!rpi_buf_room(b, n + 2))
    return;
  char *d = b->p + b->len;
  *d++ = '"';
  size_t i = 0, verbatim = 0; /* s[verbatim..i) was copied without escapes */
  while (i < n) {
    size_t left = n - i;
    uint64_t v;
#if RPI_SSE2
    if (left >= 16) {
      rpi_v16 x = rpi_v16_load(s + i);
      unsigned m = escapes16(x);
      rpi_v16_store(d, x); /* fits: 16 <= left */
      if (!m) {
        d += 16;
        i += 16;
        continue;
      }
      unsigned k = (unsigned)__builtin_ctz(m); /* s[i + k] is the first to escape */
      d += k;
      i += k;
      if (!(d = escape_at(b, d, (unsigned char)s[i], n - i - 1)))
        return;
      verbatim = ++i;
      continue;
    }
    if (n - verbatim >= 16) {
      /* the tail: the last 16 bytes of s, of which those before i are
       * already out verbatim at the same offsets, so rewriting them is
       * harmless */
      rpi_v16 x = rpi_v16_load(s + n - 16);
      if (!escapes16(x)) {
        rpi_v16_store(d - (16 - left), x);
        d += left;
        break;
      }
    }
#endif
    if (left >= 8) {
      memcpy(&v, s + i, 8);
      if (!escapes_in(v)) {
        memcpy(d, &v, 8);
        d += 8;
        i += 8;
        continue;
      }
    } else if (n - verbatim >= 8) {
      /* the tail, as above with 8 bytes */
      memcpy(&v, s + n - 8, 8);
      if (!escapes_in(v)) {
        memcpy(d - (8 - left), &v, 8);
        d += left;
        break;
      }
    } else if (left >= 4) {
      /* 4 to 7 bytes left: their first and last 4 (overlapping), checked
       * as one word */
      uint32_t lo, hi;
      memcpy(&lo, s + i, 4);
      memcpy(&hi, s + n - 4, 4);
      if (!escapes_in(lo | (uint64_t)hi << 32)) {
        memcpy(d, &lo, 4);
        memcpy(d + left - 4, &hi, 4);
        d += left;
        break;
      }
    }
    /* a byte at a time up to the end of this word */
    for (size_t e = left >= 8 ? i + 8 : n; i < e; i++) {
      unsigned char c = (unsigned char)s[i];
      if (c >= 0x80 || !json_escaped[c]) {
        *d++ = (char)c;
        continue;
      }
      if (!(d = escape_at(b, d, c, n - i - 1)))
        return;
      verbatim = i + 1;
    }
  }
  *d++ = '"';
  *d = '\0';
  b->len = (size_t)(d - b->p);
}

rp_status rpi_writer_start(const rp_result *r, const char *id, size_t id_len, char **out,
                           rpi_buf *b) {
  if (!out)
    return RP_ERR_ARG;
  *out = NULL;
  if (!r || (!id && id_len))
    return RP_ERR_ARG;
  rpi_buf_init(b, (size_t)1 << 30);
  return RP_OK;
}

rp_status rpi_writer_finish(rpi_buf *b, char **out, size_t *out_len) {
  if (b->err) {
    rp_status st = (rp_status)b->err;
    rpi_buf_free(b);
    return st;
  }
  size_t len = 0;
  *out = rpi_buf_detach(b, &len);
  if (!*out)
    return RP_ERR_NOMEM;
  if (out_len)
    *out_len = len;
  return RP_OK;
}

/* Lower-case particles, each with its following space; drop: CSL's
 * "dropping-particle" (German "von", "zu"), the rest are non-dropping. */
static const struct {
  const char *w;
  bool drop;
} particles[] = {
    {"van ", 0},  {"der ", 0},   {"den ", 0},   {"de ", 0},   {"del ", 0},   {"della ", 0},
    {"delle ", 0}, {"dei ", 0},  {"degli ", 0}, {"di ", 0},   {"da ", 0},    {"das ", 0},
    {"dos ", 0},  {"do ", 0},    {"du ", 0},    {"des ", 0},  {"la ", 0},    {"le ", 0},
    {"les ", 0},  {"lo ", 0},    {"ten ", 0},   {"ter ", 0},  {"te ", 0},    {"op ", 0},
    {"het ", 0},  {"'t ", 0},    {"al ", 0},    {"el ", 0},   {"bin ", 0},   {"ibn ", 0},
    {"ben ", 0},  {"dal ", 0},   {"dalla ", 0}, {"af ", 0},   {"av ", 0},    {"von ", 1},
    {"zu ", 1},   {"zur ", 1}};

size_t rpi_particle_len(const char *family, bool *dropping) {
  /* every particle starts with a small letter or "'": most names do not */
  if (!((family[0] >= 'a' && family[0] <= 'z') || family[0] == '\''))
    return 0;
  size_t off = 0;
  bool drop = false;
  for (;;) {
    size_t k = 0;
    for (size_t i = 0; i < sizeof particles / sizeof *particles; i++) {
      size_t n = strlen(particles[i].w);
      if (!strncmp(family + off, particles[i].w, n)) {
        k = n;
        drop = drop || particles[i].drop;
        break;
      }
    }
    if (!k)
      break;
    off += k;
  }
  /* a family name must be left, and it must not start lower case ("de la
   * cruz" is kept whole: it is not a particle followed by a name) */
  unsigned char c = (unsigned char)family[off];
  if (!off || !c || (c >= 'a' && c <= 'z'))
    return 0;
  if (dropping)
    *dropping = drop;
  return off;
}

void rpi_page_split(const char *page, size_t *first_len, const char **last, size_t *last_len) {
  const char *dash = strchr(page, '-');
  *first_len = dash ? (size_t)(dash - page) : strlen(page);
  *last = dash ? dash + 1 : page + *first_len;
  *last_len = strlen(*last);
}

int rpi_year(const char *year) {
  if (!year)
    return -1;
  int v = 0;
  for (int i = 0; i < 4; i++) {
    if (year[i] < '0' || year[i] > '9')
      return -1;
    v = v * 10 + (year[i] - '0');
  }
  return year[4] ? -1 : v;
}

/* The little words printed around a date: "le 14 mars", "5 de mayo de",
 * "am 5. Juni", "the 5th of". */
static bool date_filler(const char *w, size_t n) {
  static const char *const fill[] = {"de", "del", "le", "el", "em", "am", "of", "the", "on", NULL};
  for (size_t i = 0; fill[i]; i++) {
    size_t k = 0;
    while (k < n && fill[i][k] && (w[k] | 0x20) == fill[i][k])
      k++;
    if (k == n && !fill[i][k])
      return true;
  }
  return false;
}

int rpi_date_parts(const char *s, int ymd[3]) {
  /* words: runs of digits or of letters; '.', ',', '-', '/' and spaces
   * between them; a word that is no month (lib/data/months.txt) nor a
   * little word around dates ("de", "le") gives 0 */
  int year = 0, month = 0, day = 0, nums[3], nnum = 0, nmonth = 0;
  size_t nnum_len[3];
  for (const char *p = s; *p;) {
    char c = *p;
    if (c == ' ' || c == '.' || c == ',' || c == '-' || c == '/') {
      p++;
      continue;
    }
    size_t n = 0;
    if (c >= '0' && c <= '9') {
      int v = 0;
      while (p[n] >= '0' && p[n] <= '9' && n < 5)
        v = v * 10 + (p[n++] - '0');
      if ((p[n] >= '0' && p[n] <= '9') || nnum == 3)
        return 0;
      nnum_len[nnum] = n;
      nums[nnum++] = v;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (unsigned char)c >= 0x80) {
      while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z') || (unsigned char)p[n] >= 0x80)
        n++;
      if (date_filler(p, n)) {
        p += n;
        continue;
      }
      if (nmonth++ || !(month = rpi_lex_month(p, n)))
        return 0;
    } else {
      return 0;
    }
    p += n;
  }
  /* the year is the one four-digit number; with no month name an ISO
   * year-month-day order is required */
  int yi = -1;
  for (int i = 0; i < nnum; i++)
    if (nnum_len[i] == 4) {
      if (yi >= 0)
        return 0;
      yi = i;
    }
  if (yi < 0)
    return 0;
  year = nums[yi];
  int rest[2], nrest = 0;
  for (int i = 0; i < nnum; i++)
    if (i != yi)
      rest[nrest++] = nums[i];
  if (month) {
    if (nrest > 1)
      return 0;
    day = nrest ? rest[0] : 0;
  } else if (yi == 2 && nrest == 2 && strchr(s, '.') && !strchr(s, '/') && !strchr(s, '-')) {
    /* "05.03.2020": day, month and year with dots, as German, French,
     * Nordic and Slavic lists print them */
    day = rest[0];
    month = rest[1];
  } else {
    if (yi != 0 || nrest == 0)
      return nrest == 0 && nnum == 1 ? (ymd[0] = year, 1) : 0;
    month = rest[0];
    day = nrest > 1 ? rest[1] : 0;
  }
  if (year < 1000 || month < 1 || month > 12 || day < 0 || day > rpi_days_in_month(year, month))
    return 0;
  ymd[0] = year;
  ymd[1] = month;
  ymd[2] = day;
  return day ? 3 : 2;
}

int rpi_issued(const rp_result *r, int from[3], int to[3], bool *range) {
  int y = rpi_year(r->field[RP_FIELD_YEAR]);
  *range = false;
  from[0] = to[0] = y;
  from[1] = to[1] = from[2] = to[2] = 0;
  if (y < 0)
    return 0;
  if (!r->month) {
    if (r->year_end > y) {
      *range = true;
      to[0] = r->year_end;
    }
    return 1;
  }
  from[1] = r->month;
  from[2] = r->day;
  if (r->month_end) {
    *range = true;
    to[1] = r->month_end;
    to[2] = r->day_end;
  }
  return r->day ? 3 : 2;
}

void rpi_put_date(rpi_buf *b, const int ymd[3], int n, char sep) {
  rpi_buf_putu(b, (size_t)ymd[0]);
  for (int i = 1; i < n; i++) {
    rpi_buf_putc(b, sep);
    rpi_buf_putc(b, (char)('0' + ymd[i] / 10 % 10));
    rpi_buf_putc(b, (char)('0' + ymd[i] % 10));
  }
}

const char *rpi_month_abbrev(int m) {
  static const char *const abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  return m >= 1 && m <= 12 ? abbr[m - 1] : "";
}

const char *rpi_accessed(const char *s, char sep, char d[16]) {
  int ymd[3];
  if (rpi_date_parts(s, ymd) != 3)
    return s;
  /* ymd[0] is 1000..99999 (five digits at most), month and day checked */
  char *p = d;
  if (ymd[0] > 9999)
    *p++ = (char)('0' + ymd[0] / 10000);
  for (int k = 1000; k; k /= 10)
    *p++ = (char)('0' + ymd[0] / k % 10);
  for (int i = 1; i < 3; i++) {
    *p++ = sep;
    *p++ = (char)('0' + ymd[i] / 10);
    *p++ = (char)('0' + ymd[i] % 10);
  }
  *p = '\0';
  return d;
}

bool rpi_url_has_scheme(const char *url) {
  const char *p = url;
  if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
    return false;
  while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
         *p == '+' || *p == '.' || *p == '-')
    p++;
  return *p == ':' && p - url >= 2 && p[1] != '\0' && !(p[1] >= '0' && p[1] <= '9');
}
