/* spf_scan.h: a tiny, purpose-built JSON scanner for the C examples.
 *
 * libspf answers in compact JSON whose shape is documented and fixed (README,
 * "Wire format"), so a caller that only needs a few values does not need a JSON
 * library: these functions find a member of an object, walk an array, and read a
 * string, number or boolean. They skip whitespace, so they also read
 * pretty-printed input such as examples/data/sites.json.
 *
 * They validate only as much as they read. A NULL result means "not there" (or
 * not the expected type); nothing here allocates.
 *
 * Header-only: include it in one or more .c files (every function is
 * `static inline`, so unused ones cost nothing and raise no warning).
 */
#ifndef SPF_SCAN_H
#define SPF_SCAN_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static inline const char *scan_ws(const char *p)
{
    while (p != NULL && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
        p++;
    }
    return p;
}

/* Past the end of the string starting at `p` (which points at its opening quote). */
static inline const char *scan_skip_string(const char *p)
{
    for (p++; *p != '\0'; p++) {
        if (*p == '\\') {
            if (p[1] == '\0') {
                return NULL;
            }
            p++;
        } else if (*p == '"') {
            return p + 1;
        }
    }
    return NULL;
}

/* Past the end of the value starting at `p` (after any whitespace); NULL if the
 * text ends first. Iterative, so nesting depth costs no stack. */
static inline const char *scan_skip(const char *p)
{
    size_t depth = 0;
    p = scan_ws(p);
    if (p == NULL || *p == '\0') {
        return NULL;
    }
    if (*p == '"') {
        return scan_skip_string(p);
    }
    if (*p != '{' && *p != '[') {
        while (*p != '\0' && strchr(",}] \t\r\n", *p) == NULL) {
            p++;
        }
        return p;
    }
    while (*p != '\0') {
        if (*p == '"') {
            p = scan_skip_string(p);
            if (p == NULL) {
                return NULL;
            }
            continue;
        }
        if (*p == '{' || *p == '[') {
            depth++;
        } else if (*p == '}' || *p == ']') {
            if (--depth == 0) {
                return p + 1;
            }
        }
        p++;
    }
    return NULL;
}

/* The value of member `key` directly inside the object at `object`, or NULL. */
static inline const char *scan_member(const char *object, const char *key)
{
    size_t key_len = strlen(key);
    const char *p = scan_ws(object);
    if (p == NULL || *p != '{') {
        return NULL;
    }
    p = scan_ws(p + 1);
    while (p != NULL && *p == '"') {
        const char *name = p + 1;
        const char *end = scan_skip_string(p);
        int match;
        if (end == NULL) {
            return NULL;
        }
        /* The format's member names are plain ASCII: compare them as written. */
        match = (size_t)(end - 1 - name) == key_len && memcmp(name, key, key_len) == 0;
        p = scan_ws(end);
        if (*p != ':') {
            return NULL;
        }
        p = scan_ws(p + 1);
        if (match) {
            return p;
        }
        p = scan_ws(scan_skip(p));
        if (p == NULL || *p != ',') {
            return NULL;
        }
        p = scan_ws(p + 1);
    }
    return NULL;
}

/* The first element of the array at `array`, or NULL if it is empty (or not an
 * array). */
static inline const char *scan_first(const char *array)
{
    const char *p = scan_ws(array);
    if (p == NULL || *p != '[') {
        return NULL;
    }
    p = scan_ws(p + 1);
    return (*p == ']' || *p == '\0') ? NULL : p;
}

/* The element after `element` in its array, or NULL after the last. */
static inline const char *scan_next(const char *element)
{
    const char *p = scan_ws(scan_skip(element));
    if (p == NULL || *p != ',') {
        return NULL;
    }
    return scan_ws(p + 1);
}

/* Appends the UTF-8 encoding of `c` to out[*n] when it fits in `size` (leaving
 * room for the NUL). */
static inline void scan_put_utf8(char *out, size_t size, size_t *n, unsigned long c)
{
    unsigned char bytes[4];
    size_t len, i;
    if (c < 0x80) {
        bytes[0] = (unsigned char)c;
        len = 1;
    } else if (c < 0x800) {
        bytes[0] = (unsigned char)(0xC0 | (c >> 6));
        bytes[1] = (unsigned char)(0x80 | (c & 0x3F));
        len = 2;
    } else if (c < 0x10000) {
        bytes[0] = (unsigned char)(0xE0 | (c >> 12));
        bytes[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        bytes[2] = (unsigned char)(0x80 | (c & 0x3F));
        len = 3;
    } else {
        bytes[0] = (unsigned char)(0xF0 | (c >> 18));
        bytes[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
        bytes[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        bytes[3] = (unsigned char)(0x80 | (c & 0x3F));
        len = 4;
    }
    if (*n + len < size) {
        for (i = 0; i < len; i++) {
            out[(*n)++] = (char)bytes[i];
        }
    }
}

static inline unsigned long scan_hex4(const char *p)
{
    char digits[5];
    memcpy(digits, p, 4);
    digits[4] = '\0';
    return strtoul(digits, NULL, 16);
}

/* Decodes the string value at `value` into `out` (NUL-terminated, cut short at
 * `size` - 1 bytes). Returns 1 if the value is a string, 0 if not (then `out` is
 * ""). */
static inline int scan_string(const char *value, char *out, size_t size)
{
    const char *p = scan_ws(value);
    size_t n = 0;
    if (size == 0) {
        return 0;
    }
    out[0] = '\0';
    if (p == NULL || *p != '"' || scan_skip_string(p) == NULL) {
        return 0;
    }
    for (p++; *p != '"'; p++) {
        unsigned long c = (unsigned char)*p;
        if (*p == '\\') {
            p++;
            switch (*p) {
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'u':
                if (strspn(p + 1, "0123456789abcdefABCDEF") < 4) {
                    return 0;
                }
                c = scan_hex4(p + 1);
                p += 4;
                /* A surrogate pair encodes one character above U+FFFF. */
                if (c >= 0xD800 && c < 0xDC00 && p[1] == '\\' && p[2] == 'u' &&
                    strspn(p + 3, "0123456789abcdefABCDEF") >= 4) {
                    unsigned long low = scan_hex4(p + 3);
                    if (low >= 0xDC00 && low < 0xE000) {
                        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                        p += 6;
                    }
                }
                scan_put_utf8(out, size, &n, c);
                continue;
            default: c = (unsigned char)*p; break; /* \" \\ \/ */
            }
        }
        if (n + 1 < size) {
            out[n++] = (char)c;
        }
    }
    out[n] = '\0';
    return 1;
}

/* Reads the integer at `value`. Returns 1 on success. */
static inline int scan_long(const char *value, long *out)
{
    const char *p = scan_ws(value);
    char *end;
    if (p == NULL || (*p != '-' && (*p < '0' || *p > '9'))) {
        return 0;
    }
    *out = strtol(p, &end, 10);
    return end != p;
}

/* 1 if the value at `value` is the literal true. */
static inline int scan_true(const char *value)
{
    const char *p = scan_ws(value);
    return p != NULL && strncmp(p, "true", 4) == 0;
}

#endif /* SPF_SCAN_H */
