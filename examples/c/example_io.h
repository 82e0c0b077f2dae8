/* example_io.h: what both C examples need besides the library: the last error
 * as text, and a whole file in memory. Header-only, for the examples. */
#ifndef SPF_EXAMPLE_IO_H
#define SPF_EXAMPLE_IO_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spf.h"

/* This thread's last libspf error as a malloc'd string (the library reports the
 * size it needs, so no guessing). */
static inline char *example_last_error(void)
{
    size_t needed = 0;
    char *text;
    if (spf_last_error_message(NULL, 0, &needed) != SPF_STATUS_BUFFER_TOO_SMALL) {
        needed = sizeof "no error text";
        text = malloc(needed);
        if (text != NULL) {
            memcpy(text, "no error text", needed);
        }
        return text;
    }
    text = malloc(needed);
    if (text != NULL && spf_last_error_message(text, needed, NULL) != SPF_STATUS_OK) {
        text[0] = '\0';
    }
    return text;
}

static inline char *example_read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t len = 0, cap = 0, got;
    if (f == NULL) {
        return NULL;
    }
    do {
        if (cap - len < 4096) {
            char *bigger = realloc(text, cap * 2 + 4096);
            if (bigger == NULL) {
                free(text);
                fclose(f);
                return NULL;
            }
            text = bigger;
            cap = cap * 2 + 4096;
        }
        got = fread(text + len, 1, cap - len - 1, f);
        len += got;
    } while (got > 0);
    if (ferror(f)) {
        free(text);
        fclose(f);
        return NULL;
    }
    fclose(f);
    text[len] = '\0';
    *len_out = len;
    return text;
}

#endif /* SPF_EXAMPLE_IO_H */
