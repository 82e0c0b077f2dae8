/* test_spf.c: the C test of libspf, through include/spf.h only.
 *
 * Build (static):  gcc -std=c99 -Wall -Wextra -Werror -pedantic -I include \
 *                      tests/c/test_spf.c target/release/libspf.a <native libs> -o test_spf
 * Run from the repository root:  ./test_spf [CORPUS_DIR]   (default tests/corpus)
 * tests/c/run.sh builds and runs it against the static and the shared library,
 * under valgrind and under AddressSanitizer + UBSan.
 *
 * Sections: every exported function with valid input; a table-driven catalogue of
 * bad input (exact status, error text, JSON error code, out-parameters untouched);
 * 8 threads sharing one engine; a create/evaluate/free loop for leak checkers; the
 * golden corpus in tests/corpus, byte for byte.
 *
 * Environment:
 *   SPF_TEST_QUICK=1   divides the iteration counts of the thread test and the leak
 *                      loop by 10. Only for slow instrumented runs (valgrind): the
 *                      normal and sanitizer runs use the full counts. run.sh sets it
 *                      for the valgrind run only, and only when SPF_C_VALGRIND_QUICK=1
 *                      (the full counts take about 15 s under valgrind on 2 cores).
 *
 * No test framework: CHECK counts passes and failures, and the last line printed
 * is "N passed, M failed"; the exit status is 1 if anything failed.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spf.h"

/* ------------------------------------------------------------------------- */
/* Checking                                                                    */

static unsigned long g_passed;
static unsigned long g_failed;

static void check_impl(int ok, const char *expr, const char *file, int line, const char *fmt, ...)
{
    if (ok) {
        g_passed++;
        return;
    }
    g_failed++;
    fprintf(stderr, "FAIL %s:%d: %s", file, line, expr);
    if (fmt != NULL) {
        va_list args;
        va_start(args, fmt);
        fputs(" -- ", stderr);
        vfprintf(stderr, fmt, args);
        va_end(args);
    }
    fputc('\n', stderr);
}

/* CHECK(cond) and CHECKF(cond, "format", ...) with context for the failure. */
#define CHECK(cond) check_impl(!!(cond), #cond, __FILE__, __LINE__, NULL)
#define CHECKF(cond, ...) check_impl(!!(cond), #cond, __FILE__, __LINE__, __VA_ARGS__)

static void section(const char *name)
{
    printf("== %s\n", name);
    fflush(stdout);
}

static int contains(const char *haystack, const char *needle)
{
    return haystack != NULL && needle != NULL && strstr(haystack, needle) != NULL;
}

static int starts_with(const char *text, const char *prefix)
{
    return text != NULL && strncmp(text, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *name, const char *suffix);

static void *xmalloc(size_t size)
{
    void *p = malloc(size == 0 ? 1 : size);
    if (p == NULL) {
        fprintf(stderr, "out of memory (%lu bytes)\n", (unsigned long)size);
        exit(2);
    }
    return p;
}

/* Reads a whole file; NULL (and a message) if it cannot. The text is
 * NUL-terminated for convenience; *len_out excludes the NUL. */
static char *read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    char *text;
    long size;
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return NULL;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "cannot size %s\n", path);
        fclose(f);
        return NULL;
    }
    text = xmalloc((size_t)size + 1);
    if (fread(text, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", path);
        free(text);
        fclose(f);
        return NULL;
    }
    text[size] = '\0';
    fclose(f);
    *len_out = (size_t)size;
    return text;
}

/* Replaces the first occurrence of `old` in `text` with `new_text`; a new
 * malloc'd string, or NULL if `old` does not occur. */
static char *replace_first(const char *text, const char *old, const char *new_text)
{
    const char *at = strstr(text, old);
    size_t head, old_len = strlen(old), new_len = strlen(new_text), len = strlen(text);
    char *out;
    if (at == NULL) {
        return NULL;
    }
    head = (size_t)(at - text);
    out = xmalloc(len - old_len + new_len + 1);
    memcpy(out, text, head);
    memcpy(out + head, new_text, new_len);
    memcpy(out + head + new_len, at + old_len, len - head - old_len + 1);
    return out;
}

/* This thread's last error text, malloc'd (sized with a first NULL-buffer call,
 * as a caller would); NULL when there is no error. */
static char *last_error_text(void)
{
    size_t needed = 0, written = 0;
    char *buffer;
    SpfStatus status = spf_last_error_message(NULL, 0, &needed);
    if (status == SPF_STATUS_NO_ERROR) {
        return NULL;
    }
    CHECKF(status == SPF_STATUS_BUFFER_TOO_SMALL, "got %s", spf_status_name(status));
    CHECK(needed > 0);
    buffer = xmalloc(needed);
    status = spf_last_error_message(buffer, needed, &written);
    CHECKF(status == SPF_STATUS_OK, "got %s", spf_status_name(status));
    CHECK(written + 1 == needed);
    CHECK(strlen(buffer) == written);
    return buffer;
}

/* Checks the thread's last error: its text contains `message` and (if `code` is
 * not NULL) its JSON document carries "code":"<code>". */
static void expect_last_error(const char *name, const char *message, const char *code)
{
    char *text = last_error_text();
    char *document = NULL;
    SpfStatus status;
    CHECKF(text != NULL, "%s: no last error recorded", name);
    if (message != NULL) {
        CHECKF(contains(text, message), "%s: error text \"%.300s\" lacks \"%s\"", name,
               text ? text : "(none)", message);
    }
    status = spf_last_error_json(&document);
    CHECKF(status == SPF_STATUS_OK, "%s: spf_last_error_json gave %s", name, spf_status_name(status));
    if (status == SPF_STATUS_OK) {
        CHECKF(contains(document, "{\"code\":\""), "%s: %.200s", name, document);
        CHECKF(contains(document, "\"message\":\"") && contains(document, "\"path\":\""),
               "%s: %.200s", name, document);
        if (code != NULL) {
            char want[96];
            snprintf(want, sizeof want, "\"code\":\"%s\"", code);
            CHECKF(contains(document, want), "%s: error JSON %.300s lacks %s", name, document, want);
        }
        spf_string_free(document);
    }
    free(text);
}

static void expect_no_error(const char *name)
{
    char buffer[8] = "unused";
    size_t written = 12345;
    char *document = NULL;
    SpfStatus status = spf_last_error_message(buffer, sizeof buffer, &written);
    CHECKF(status == SPF_STATUS_NO_ERROR, "%s: got %s", name, spf_status_name(status));
    CHECKF(written == 12345 && strcmp(buffer, "unused") == 0, "%s: out-parameters written", name);
    status = spf_last_error_json(&document);
    CHECKF(status == SPF_STATUS_NO_ERROR && document == NULL, "%s: got %s", name,
           spf_status_name(status));
}

/* A pointer value no successful call could return, to prove out-parameters are
 * left alone on failure. */
static char g_sentinel_byte;
#define SENTINEL_STRING (&g_sentinel_byte)
#define SENTINEL_ENGINE ((SpfEngine *)(void *)&g_sentinel_byte)

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char LOSS_OF_PASS[] =
    "{\"kind\":\"lossOfPass\",\"care\":\"avoidableCarelessness\",\"occurred\":\"2026-01-07\","
    "\"person\":{\"status\":\"employee\",\"organisation\":\"moj\"}}";

static SpfDate ymd(int32_t year, uint32_t month, uint32_t day)
{
    SpfDate d;
    d.year = year;
    d.month = month;
    d.day = day;
    return d;
}

static int same_date(SpfDate a, SpfDate b)
{
    return a.year == b.year && a.month == b.month && a.day == b.day;
}

/* Field by field: the struct has padding, which the library need not write. */
static int same_result(const SpfBreachResult *a, const SpfBreachResult *b)
{
    return a->level == b->level && a->score == b->score && a->band == b->band &&
           a->route == b->route && a->flags == b->flags && a->reasons == b->reasons;
}

/* A plain, valid typed report: lossOfPass, no marking, column 1, an MoJ employee. */
static SpfBreachInput base_input(void)
{
    SpfBreachInput in;
    memset(&in, 0, sizeof in);
    in.kind = SPF_BREACH_KIND_LOSS_OF_PASS;
    in.marking = SPF_MARKING_NONE;
    in.caveats = 0;
    in.care = SPF_CARE_AVOIDABLE_CARELESSNESS;
    in.damage = SPF_DAMAGE_NONE;
    in.previous_warnings = 0;
    in.earlier_breaches = NULL;
    in.earlier_breaches_len = 0;
    in.occurred = ymd(2026, 1, 7);
    in.person_status = SPF_PERSON_STATUS_EMPLOYEE;
    in.organisation = SPF_ORGANISATION_MOJ;
    in.security_cleared = false;
    in.personal_data = false;
    in.impact = SPF_IMPACT_NOT_ASSESSED;
    in.information_asset_name = NULL;
    in.information_asset_name_len = 0;
    in.information_asset_owner = NULL;
    in.information_asset_owner_len = 0;
    return in;
}

/* A growing string for building requests. */
typedef struct {
    char *text;
    size_t len, cap;
} Buf;

static void buf_add(Buf *b, const char *fmt, ...)
{
    va_list args;
    int n;
    for (;;) {
        size_t room = b->cap - b->len;
        va_start(args, fmt);
        n = vsnprintf(b->text + b->len, room, fmt, args);
        va_end(args);
        if (n < 0) {
            fprintf(stderr, "vsnprintf failed\n");
            exit(2);
        }
        if ((size_t)n < room) {
            b->len += (size_t)n;
            return;
        }
        b->cap = b->cap * 2 + (size_t)n + 64;
        b->text = realloc(b->text, b->cap);
        if (b->text == NULL) {
            fprintf(stderr, "out of memory\n");
            exit(2);
        }
    }
}

static Buf buf_new(void)
{
    Buf b;
    b.cap = 256;
    b.len = 0;
    b.text = xmalloc(b.cap);
    b.text[0] = '\0';
    return b;
}

/* The JSON request for a typed input (enum values must be in range). */
static char *request_for(const SpfBreachInput *in, const char *reference)
{
    Buf b = buf_new();
    size_t i;
    buf_add(&b, "{");
    if (reference != NULL) {
        buf_add(&b, "\"reference\":\"%s\",", reference);
    }
    buf_add(&b, "\"kind\":\"%s\",", spf_breach_kind_name(in->kind));
    if (in->marking != SPF_MARKING_NONE) {
        buf_add(&b, "\"marking\":{\"classification\":\"%s\"", spf_marking_name(in->marking));
        if (in->caveats & SPF_CAVEAT_SENSITIVE) {
            buf_add(&b, ",\"caveats\":[\"sensitive\"]");
        } else if (in->caveats & SPF_CAVEAT_STRAP) {
            buf_add(&b, ",\"caveats\":[\"strap\"]");
        }
        buf_add(&b, "},");
    }
    buf_add(&b, "\"care\":\"%s\",\"damage\":\"%s\",\"previousWarnings\":%u,", spf_care_name(in->care),
            spf_damage_name(in->damage), (unsigned)in->previous_warnings);
    buf_add(&b, "\"earlierBreaches\":[");
    for (i = 0; i < in->earlier_breaches_len; i++) {
        const SpfEarlierBreach *e = &in->earlier_breaches[i];
        buf_add(&b, "%s{\"date\":\"%04d-%02u-%02u\",\"kind\":\"%s\"}", i ? "," : "",
                (int)e->date.year, (unsigned)e->date.month, (unsigned)e->date.day,
                spf_breach_kind_name(e->kind));
    }
    buf_add(&b, "],\"occurred\":\"%04d-%02u-%02u\",", (int)in->occurred.year,
            (unsigned)in->occurred.month, (unsigned)in->occurred.day);
    buf_add(&b, "\"person\":{\"status\":\"%s\",\"organisation\":\"%s\",\"securityCleared\":%s}",
            spf_person_status_name(in->person_status), spf_organisation_name(in->organisation),
            in->security_cleared ? "true" : "false");
    /* The information-risk facts (test names need no JSON escaping). */
    buf_add(&b, ",\"personalData\":%s", in->personal_data ? "true" : "false");
    if (in->impact != SPF_IMPACT_NOT_ASSESSED) {
        buf_add(&b, ",\"impact\":\"%s\"", spf_impact_name(in->impact));
    }
    if (in->information_asset_name != NULL) {
        buf_add(&b, ",\"informationAsset\":{\"name\":\"%.*s\",\"owner\":\"%.*s\"}",
                (int)in->information_asset_name_len, in->information_asset_name,
                (int)in->information_asset_owner_len, in->information_asset_owner);
    }
    buf_add(&b, "}");
    return b.text;
}

/* ------------------------------------------------------------------------- */
/* Every exported function with valid input                                     */

static void test_version_and_names(void)
{
    char expected[64];
    section("version and status names");
    snprintf(expected, sizeof expected, "%d.%d.%d", SPF_VERSION_MAJOR, SPF_VERSION_MINOR,
             SPF_VERSION_PATCH);
    CHECK(spf_version() != NULL);
    CHECKF(strcmp(spf_version(), expected) == 0, "spf_version() = %s, macros say %s",
           spf_version(), expected);
    CHECK(strcmp(spf_status_name(SPF_STATUS_OK), "SPF_STATUS_OK") == 0);
    CHECK(strcmp(spf_status_name(SPF_STATUS_NULL_ARGUMENT), "SPF_STATUS_NULL_ARGUMENT") == 0);
    CHECK(strcmp(spf_status_name(SPF_STATUS_INVALID_UTF8), "SPF_STATUS_INVALID_UTF8") == 0);
    CHECK(strcmp(spf_status_name(SPF_STATUS_INVALID_JSON), "SPF_STATUS_INVALID_JSON") == 0);
    CHECK(strcmp(spf_status_name(SPF_STATUS_INVALID_INPUT), "SPF_STATUS_INVALID_INPUT") == 0);
    CHECK(strcmp(spf_status_name(SPF_STATUS_POLICY_INVALID), "SPF_STATUS_POLICY_INVALID") == 0);
    CHECK(strcmp(spf_status_name(SPF_STATUS_BUFFER_TOO_SMALL), "SPF_STATUS_BUFFER_TOO_SMALL") == 0);
    CHECK(strcmp(spf_status_name(SPF_STATUS_PANIC), "SPF_STATUS_PANIC") == 0);
    CHECK(strcmp(spf_status_name(SPF_STATUS_INTERNAL), "SPF_STATUS_INTERNAL") == 0);
    CHECK(strcmp(spf_status_name(SPF_STATUS_NO_ERROR), "SPF_STATUS_NO_ERROR") == 0);
    CHECK(strcmp(spf_status_name(SPF_STATUS_STREAM_FAILED), "SPF_STATUS_STREAM_FAILED") == 0);
    CHECK(strcmp(spf_status_name(11), "SPF_STATUS_UNKNOWN") == 0);
    CHECK(strcmp(spf_status_name(-1), "SPF_STATUS_UNKNOWN") == 0);
    CHECK(strcmp(spf_status_name(INT32_MAX), "SPF_STATUS_UNKNOWN") == 0);
    /* Fixed values: a status never changes its number. */
    CHECK(SPF_STATUS_OK == 0 && SPF_STATUS_NULL_ARGUMENT == 1 && SPF_STATUS_INVALID_UTF8 == 2 &&
          SPF_STATUS_INVALID_JSON == 3 && SPF_STATUS_INVALID_INPUT == 4 &&
          SPF_STATUS_POLICY_INVALID == 5 && SPF_STATUS_BUFFER_TOO_SMALL == 6 &&
          SPF_STATUS_PANIC == 7 && SPF_STATUS_INTERNAL == 8 && SPF_STATUS_NO_ERROR == 9 &&
          SPF_STATUS_STREAM_FAILED == 10);
}

/* Runs a JSON entry point that must succeed; returns the answer (free it). */
typedef SpfStatus (*JsonFn)(const SpfEngine *, const char *, size_t, char **);

static char *json_ok(const char *name, JsonFn fn, const SpfEngine *engine, const char *request)
{
    char *answer = SENTINEL_STRING;
    SpfStatus status = fn(engine, request, strlen(request), &answer);
    CHECKF(status == SPF_STATUS_OK, "%s: got %s", name, spf_status_name(status));
    if (status != SPF_STATUS_OK) {
        char *text = last_error_text();
        fprintf(stderr, "  %s: %s\n", name, text ? text : "(no error text)");
        free(text);
        return NULL;
    }
    CHECKF(answer != NULL && answer != SENTINEL_STRING, "%s: answer not written", name);
    CHECKF(contains(answer, "{\"schemaVersion\":1,\"policy\":{\"id\":\"moj-default\""),
           "%s: %.120s", name, answer);
    expect_no_error(name);
    return answer;
}

/* A batch of JSON Lines: the answers in order, byte for byte what one call per
 * line gives, the same on any number of threads, bad lines (bad JSON, an
 * unknown value, not UTF-8) reported in their place, and NULL arguments. */
/* 701 JSON Lines over several of the batch's chunks: every 100th report has an
 * unknown kind, every 100th line from the 50th is blank (skipped but counted),
 * and the last, without a line end, is not UTF-8. */
static Buf batch_input(void)
{
    Buf in = buf_new();
    for (unsigned i = 1; i <= 700; i++) {
        if (i % 100 == 0) {
            buf_add(&in, "{\"kind\":\"lossOfPas\"}\n");
        } else if (i % 100 == 50) {
            buf_add(&in, "\n");
        } else {
            buf_add(&in, "%s\n", LOSS_OF_PASS);
        }
    }
    buf_add(&in, "{\"kind\":\"\xff\"}");
    return in;
}

static void test_batch(const SpfEngine *engine)
{
    section("JSON Lines batch");
    Buf in = batch_input();

    char *single = json_ok("batch: single call", spf_assess_breach_json, engine, LOSS_OF_PASS);
    char *answers[3] = {NULL, NULL, NULL};
    const size_t threads[3] = {0, 2, 5};
    for (unsigned t = 0; t < 3; t++) {
        SpfBatchSummary summary = {99, 99, 99};
        SpfStatus status = spf_assess_breach_lines(engine, in.text, in.len, threads[t],
                                                   &answers[t], &summary);
        CHECKF(status == SPF_STATUS_OK, "batch on %zu threads: %s", threads[t],
               spf_status_name(status));
        if (status != SPF_STATUS_OK) {
            continue;
        }
        CHECKF(summary.lines == 700 - 7 + 1 && summary.rejected == 7 + 1 &&
                   summary.assessed == summary.lines - summary.rejected,
               "batch summary: %llu lines, %llu assessed, %llu rejected",
               (unsigned long long)summary.lines, (unsigned long long)summary.assessed,
               (unsigned long long)summary.rejected);
    }
    if (answers[0] && answers[1] && answers[2] && single) {
        CHECK(strcmp(answers[0], answers[1]) == 0);
        CHECK(strcmp(answers[0], answers[2]) == 0);
        CHECK(starts_with(answers[0], single));
        CHECK(contains(answers[0], "\n{\"line\":100,\"error\":{\"code\":\"unknownValue\""));
        CHECK(contains(answers[0], "\n{\"line\":701,\"error\":{\"code\":\"invalidUtf8\""));
        /* Every line is either the single call's answer or an error. */
        size_t single_len = strlen(single);
        unsigned answered = 0, errors = 0;
        for (const char *line = answers[0]; *line;) {
            const char *end = strchr(line, '\n');
            size_t len = end ? (size_t)(end - line) : strlen(line);
            if (len == single_len && strncmp(line, single, len) == 0) {
                answered++;
            } else if (starts_with(line, "{\"line\":")) {
                errors++;
            }
            line += len + (end ? 1 : 0);
        }
        CHECKF(answered == 700 - 7 - 7 && errors == 8, "%u answers, %u errors", answered, errors);
    }
    for (unsigned t = 0; t < 3; t++) {
        spf_string_free(answers[t]);
    }
    spf_string_free(single);

    char *out = SENTINEL_STRING;
    CHECK(spf_assess_breach_lines(NULL, in.text, in.len, 1, &out, NULL) ==
          SPF_STATUS_NULL_ARGUMENT);
    CHECK(out == SENTINEL_STRING);
    CHECK(spf_assess_breach_lines(engine, NULL, 0, 1, &out, NULL) == SPF_STATUS_NULL_ARGUMENT);
    expect_last_error("batch: input NULL", "argument `input` is NULL", "nullArgument");
    CHECK(spf_assess_breach_lines(engine, in.text, in.len, 1, NULL, NULL) ==
          SPF_STATUS_NULL_ARGUMENT);
    /* An empty batch is no lines and an empty answer. */
    SpfBatchSummary none = {1, 1, 1};
    CHECK(spf_assess_breach_lines(engine, "", 0, 2, &out, &none) == SPF_STATUS_OK);
    CHECK(out != SENTINEL_STRING && out != NULL && out[0] == '\0');
    CHECK(none.lines == 0 && none.assessed == 0 && none.rejected == 0);
    spf_string_free(out);
    free(in.text);
}

/* A streamed batch's input: `step` bytes at most per call, and a failure
 * (-1) once `fail_at` bytes have been given. */
typedef struct {
    const char *text;
    size_t len, at, step, fail_at;
    unsigned calls_after_end;
    bool overclaim; /* claim one byte more than the capacity */
} StreamInput;

static ptrdiff_t stream_read(void *context, char *buffer, size_t capacity)
{
    StreamInput *in = context;
    if (in->overclaim) {
        return (ptrdiff_t)capacity + 1;
    }
    if (in->at >= in->fail_at) {
        return -1;
    }
    if (in->at == in->len) {
        in->calls_after_end++;
        return 0;
    }
    size_t n = in->len - in->at;
    n = n < capacity ? n : capacity;
    n = n < in->step ? n : in->step;
    n = n < in->fail_at - in->at ? n : in->fail_at - in->at;
    memcpy(buffer, in->text + in->at, n);
    in->at += n;
    return (ptrdiff_t)n;
}

/* A streamed batch's output, which refuses the write numbered `refuse_at`
 * (from 1; 0 never) and counts the calls. */
typedef struct {
    Buf out;
    unsigned calls, refuse_at;
    bool whole_lines; /* every write ended in a line end */
} StreamOutput;

static int stream_write(void *context, const char *bytes, size_t len)
{
    StreamOutput *out = context;
    out->calls++;
    if (out->refuse_at != 0 && out->calls >= out->refuse_at) {
        return 28; /* ENOSPC, say */
    }
    if (len == 0 || bytes[len - 1] != '\n') {
        out->whole_lines = false;
    }
    buf_add(&out->out, "%.*s", (int)len, bytes);
    return 0;
}

static StreamInput stream_input(const Buf *in, size_t step)
{
    StreamInput input = {in->text, in->len, 0, step, SIZE_MAX, 0, false};
    return input;
}

static StreamOutput stream_output(void)
{
    StreamOutput output = {buf_new(), 0, 0, true};
    return output;
}

/* The number of non-blank lines that end within the first `len` bytes. */
static unsigned whole_lines_in(const char *text, size_t len)
{
    unsigned lines = 0;
    bool blank = true;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') {
            lines += blank ? 0 : 1;
            blank = true;
        } else if (text[i] != ' ' && text[i] != '\r') {
            blank = false;
        }
    }
    return lines;
}

static unsigned count_lines(const char *text)
{
    unsigned lines = 0;
    for (; *text; text++) {
        lines += *text == '\n';
    }
    return lines;
}

static void test_stream(const SpfEngine *engine)
{
    section("JSON Lines batch through read and write callbacks");
    Buf in = batch_input();
    char *whole = NULL;
    SpfStatus status = spf_assess_breach_lines(engine, in.text, in.len, 1, &whole, NULL);
    CHECK(status == SPF_STATUS_OK && whole != NULL);
    if (whole == NULL) {
        free(in.text);
        return;
    }

    /* Lines split across reads anywhere, on one thread and on three: the same
     * answers as the buffer form, line numbers counted over the whole stream. */
    const size_t steps[3] = {7, 1000, SIZE_MAX};
    const size_t threads[3] = {0, 3, 1};
    for (unsigned t = 0; t < 3; t++) {
        StreamInput input = stream_input(&in, steps[t]);
        StreamOutput output = stream_output();
        SpfBatchSummary summary = {99, 99, 99};
        status = spf_assess_breach_stream(engine, stream_read, &input, stream_write, &output,
                                          threads[t], &summary);
        CHECKF(status == SPF_STATUS_OK, "stream of %zu-byte reads on %zu threads: %s", steps[t],
               threads[t], spf_status_name(status));
        CHECKF(strcmp(output.out.text, whole) == 0, "stream answers differ (%zu bytes, %zu)",
               output.out.len, strlen(whole));
        CHECK(output.whole_lines);
        CHECK(input.calls_after_end >= 1); /* the stream was read to its end */
        CHECKF(summary.lines == 694 && summary.rejected == 8 && summary.assessed == 686,
               "stream summary: %llu lines, %llu assessed, %llu rejected",
               (unsigned long long)summary.lines, (unsigned long long)summary.assessed,
               (unsigned long long)summary.rejected);
        free(output.out.text);
    }

    /* A failed read stops the batch; every line read whole before it is
     * answered, on any number of threads. */
    for (unsigned t = 0; t < 2; t++) {
        StreamInput input = stream_input(&in, 4096);
        input.fail_at = in.len / 2 + 17;
        StreamOutput output = stream_output();
        SpfBatchSummary summary = {99, 99, 99};
        status = spf_assess_breach_stream(engine, stream_read, &input, stream_write, &output,
                                          t == 0 ? 1 : 2, &summary);
        CHECKF(status == SPF_STATUS_STREAM_FAILED, "failed read: %s", spf_status_name(status));
        expect_last_error("failed read",
                          "the batch's input could not be read: the read callback returned -1; "
                          "every line read whole before it was answered",
                          "streamFailed");
        CHECK(summary.lines == 99); /* written on success only */
        unsigned want = whole_lines_in(in.text, input.fail_at);
        CHECKF(count_lines(output.out.text) == want, "%u lines answered before the failed read, want %u",
               count_lines(output.out.text), want);
        CHECK(strncmp(output.out.text, whole, output.out.len) == 0);
        free(output.out.text);
    }

    /* A refused write stops the batch, and the callback is not called again. */
    {
        StreamInput input = stream_input(&in, 4096);
        StreamOutput output = stream_output();
        output.refuse_at = 1;
        status = spf_assess_breach_stream(engine, stream_read, &input, stream_write, &output, 2, NULL);
        CHECKF(status == SPF_STATUS_STREAM_FAILED, "refused write: %s", spf_status_name(status));
        expect_last_error("refused write",
                          "the batch's answers could not be written: the write callback returned 28",
                          "streamFailed");
        CHECKF(output.calls == 1, "the write callback was called %u times", output.calls);
        free(output.out.text);
    }

    /* A read callback that claims more than the buffer holds is a failure. */
    {
        StreamInput input = stream_input(&in, 4096);
        input.overclaim = true;
        StreamOutput output = stream_output();
        status = spf_assess_breach_stream(engine, stream_read, &input, stream_write, &output, 1, NULL);
        CHECK(status == SPF_STATUS_STREAM_FAILED);
        expect_last_error("overclaiming read", "more than the 65536 bytes asked for", "streamFailed");
        CHECK(output.calls == 0);
        free(output.out.text);
    }

    /* Success with no summary asked for. */
    {
        StreamInput input = stream_input(&in, 4096);
        StreamOutput output = stream_output();
        status = spf_assess_breach_stream(engine, stream_read, &input, stream_write, &output, 2, NULL);
        CHECK(status == SPF_STATUS_OK && strcmp(output.out.text, whole) == 0);
        free(output.out.text);
    }

    /* An empty stream: no lines, no writes. */
    {
        Buf empty = buf_new();
        StreamInput input = stream_input(&empty, 4096);
        StreamOutput output = stream_output();
        SpfBatchSummary none = {1, 1, 1};
        status = spf_assess_breach_stream(engine, stream_read, &input, stream_write, &output, 2, &none);
        CHECK(status == SPF_STATUS_OK && output.calls == 0);
        CHECK(none.lines == 0 && none.assessed == 0 && none.rejected == 0);
        free(output.out.text);
        free(empty.text);
    }

    /* NULL engine or callbacks. */
    {
        StreamInput input = stream_input(&in, 4096);
        StreamOutput output = stream_output();
        CHECK(spf_assess_breach_stream(NULL, stream_read, &input, stream_write, &output, 1, NULL) ==
              SPF_STATUS_NULL_ARGUMENT);
        CHECK(spf_assess_breach_stream(engine, NULL, &input, stream_write, &output, 1, NULL) ==
              SPF_STATUS_NULL_ARGUMENT);
        expect_last_error("stream: read NULL", "argument `read` is NULL", "nullArgument");
        CHECK(spf_assess_breach_stream(engine, stream_read, &input, NULL, &output, 1, NULL) ==
              SPF_STATUS_NULL_ARGUMENT);
        expect_last_error("stream: write NULL", "argument `write` is NULL", "nullArgument");
        CHECK(input.at == 0 && output.calls == 0);
        free(output.out.text);
    }

    spf_string_free(whole);
    free(in.text);
}

/* An incident-register record by person P-1 at HMCTS, assessed as minor. */
#define TREND_RECORD(id, occurred, kind)                                                          \
    "{\"id\":\"" id "\",\"occurred\":\"" occurred "\",\"recorded\":\"" occurred "\","             \
    "\"businessArea\":\"HMCTS\",\"person\":\"P-1\",\"kind\":\"" kind "\",\"level\":\"minor\"}"

static void test_json_entry_points(const SpfEngine *engine)
{
    char *a;
    section("JSON entry points on the default engine");

    a = json_ok("assess lossOfPass", spf_assess_breach_json, engine, LOSS_OF_PASS);
    CHECKF(contains(a, "\"kind\":\"lossOfPass\",\"level\":\"minor\""), "%.300s", a);
    CHECKF(contains(a, "\"route\":\"mojDisciplinaryPolicy\""), "%.300s", a);
    CHECKF(contains(a, "\"managerDecisionRequired\":true"), "%.300s", a);
    spf_string_free(a);

    a = json_ok("assess SECRET cabinet repeat", spf_assess_breach_json, engine,
                "{\"reference\":\"HR-2026-0100\",\"kind\":\"securityCabinetNotLocked\","
                "\"marking\":{\"classification\":\"secret\"},\"care\":\"avoidableCarelessness\","
                "\"earlierBreaches\":[{\"date\":\"2026-03-02\",\"kind\":\"securityCabinetNotLocked\"}],"
                "\"occurred\":\"2026-09-14\",\"person\":{\"status\":\"employee\",\"organisation\":\"moj\"}}");
    CHECKF(contains(a, "\"reference\":\"HR-2026-0100\""), "%.300s", a);
    CHECKF(contains(a, "\"level\":\"gross\",\"score\":6,\"band\":\"red\""), "%.300s", a);
    spf_string_free(a);

    a = json_ok("site status", spf_site_status_json, engine,
                "{\"asOf\":\"2026-11-23\",\"threatLevel\":\"severe\",\"site\":{\"id\":\"MOJ-LDN-0001\","
                "\"name\":\"102 Petty France\",\"businessArea\":\"MoJ HQ\",\"tier\":\"moderate\","
                "\"tierAssessed\":\"2026-02-10\",\"ctPlan\":{\"variesByResponseLevel\":true,"
                "\"lastTested\":\"2024-12-18\"},\"riskAssessed\":\"2026-01-20\"}}");
    CHECKF(contains(a, "\"responseLevel\":\"heightened\""), "%.300s", a);
    CHECKF(contains(a, "\"ctPlanTest\":{\"status\":\"dueSoon\""), "%.600s", a);
    CHECKF(contains(a, "\"dueOn\":\"2026-12-18\""), "%.600s", a);
    CHECKF(contains(a, "threatAssessmentMissing"), "%.600s", a);
    /* A finding says whether it rests on a statement or a default, as a reason does:
     * the policy states the threat assessment for moderate risk sites. */
    CHECKF(contains(a, "how it is mitigated\",\"basis\":\"policyStatement\","
                       "\"citation\":\"Counter-Terrorist Protection Policy, risk assessment "
                       "(moderate risk sites"), "%.3000s", a);
    /* A warning before the due date rests on the configurable warning window, not on
     * the policy's two years. */
    CHECKF(contains(a, "falls due on 2026-12-18 (last done 2024-12-18)\",\"basis\":"
                       "\"configurableDefault\",\"citation\":\"domain-facts gap 2 (warning window)\""),
           "%.3000s", a);
    CHECKF(contains(a, "cctvMonitoring"), "%.600s", a);
    spf_string_free(a);

    a = json_ok("portfolio", spf_portfolio_json, engine,
                "{\"asOf\":\"2026-11-23\",\"threatLevel\":\"substantial\",\"sites\":["
                "{\"id\":\"S1\",\"name\":\"One\",\"tier\":\"low\",\"tierAssessed\":\"2026-01-01\","
                "\"ctPlan\":{\"variesByResponseLevel\":true,\"lastTested\":\"2020-01-01\"},"
                "\"riskAssessed\":\"2026-01-01\"},{\"id\":\"S2\",\"tier\":\"bogus\"}]}");
    CHECKF(contains(a, "\"rejected\":[{\"index\":1,"), "%.2000s", a);
    CHECKF(contains(a, "\"byTier\":{\"low\":1,\"moderate\":0,\"high\":0}"), "%.2000s", a);
    spf_string_free(a);

    a = json_ok("coordinate", spf_coordinate_json, engine,
                "{\"businessAreasAffected\":[\"HMCTS\",\"HMPPS\"],"
                "\"frontLineServicesSignificantlyAffected\":true}");
    CHECKF(contains(a, "\"coordinator\":\"strategicCoordinationGroup\""), "%.300s", a);
    spf_string_free(a);

    a = json_ok("response level", spf_response_level_json, engine, "{\"threatLevel\":\"critical\"}");
    CHECKF(contains(a, "\"responseLevel\":\"exceptional\""), "%.300s", a);
    spf_string_free(a);

    /* Two usable records by one person (a repeat) and one with an unknown kind,
     * which is listed under `rejected` while the others are still counted. */
    a = json_ok("trend report", spf_trend_report_json, engine,
                "{\"from\":\"2026-04-01\",\"to\":\"2026-06-30\",\"records\":["
                TREND_RECORD("INC-1", "2026-03-31", "lossOfPass") ","
                "{\"id\":\"INC-2\",\"occurred\":\"2026-04-01\",\"recorded\":\"2026-04-01\","
                "\"businessArea\":\"HMCTS\",\"kind\":\"lostPass\",\"level\":\"minor\"},"
                TREND_RECORD("INC-3", "2026-05-10", "passNotWorn") "]}");
    CHECKF(contains(a, "\"records\":{\"received\":3,\"rejected\":1,\"inPeriod\":1,"
                       "\"beforePeriod\":1,\"afterPeriod\":0}"), "%.600s", a);
    CHECKF(contains(a, "\"rejected\":[{\"index\":1,\"error\":{\"code\":\"unknownValue\","
                       "\"message\":\"unknown value `lostPass` for `kind`; did you mean `lossOfPass`?"), "%.4000s", a);
    CHECKF(contains(a, "\"path\":\"/records/1/kind\"}]}}]"), "%.4000s", a);
    CHECKF(contains(a, "\"quarter\":{\"label\":\"2026-27 Q1\",\"start\":\"2026-04-01\","
                       "\"end\":\"2026-06-30\"}"), "%.1000s", a);
    CHECKF(contains(a, "\"repeatIndividuals\":[{\"person\":\"P-1\",\"firstReached\":\"2026-05-10\""),
           "%.2000s", a);
    spf_string_free(a);

    a = json_ok("evaluate compliance", spf_evaluate_compliance_json, engine,
                "{\"businessArea\":\" HMPPS \",\"returnDate\":\"2026-03-31\",\"elements\":["
                "{\"element\":\"appeals\",\"status\":\"variation\",\"variation\":{"
                "\"description\":\"regional panel\",\"agreement\":{\"accountingOfficer\":\"A. Officer\","
                "\"role\":\"accountingOfficer\","
                "\"agreedOn\":\"2025-09-01\"}}},"
                "{\"element\":\"technicalControls\",\"status\":\"partial\"}]}");
    CHECKF(contains(a, "\"businessArea\":\"HMPPS\",\"returnDate\":\"2026-03-31\","
                       "\"complete\":false,\"compliant\":false"), "%.600s", a);
    CHECKF(contains(a, "\"completeness\":{\"elements\":19,\"reported\":2,"), "%.600s", a);
    CHECKF(contains(a, "\"variationsToReport\":[{\"area\":"), "%.6000s", a);
    CHECKF(contains(a, "\"reviewDue\":\"2026-09-01\""), "%.6000s", a);
    CHECKF(contains(a, "\"invalidVariations\":[]"), "%.6000s", a);
    spf_string_free(a);

    /* National security vetting is managed centrally: a local variation is invalid
     * even with the Accounting Officer's agreement. */
    a = json_ok("compliance, centrally managed", spf_evaluate_compliance_json, engine,
                "{\"businessArea\":\"LAA\",\"returnDate\":\"2026-03-31\",\"elements\":["
                "{\"element\":\"recruitmentChecksAndNationalSecurityVetting\",\"status\":\"variation\","
                "\"variation\":{\"description\":\"agency vetting\",\"agreement\":{"
                "\"accountingOfficer\":\"A. Officer\",\"role\":\"accountingOfficer\","
                "\"agreedOn\":\"2025-09-01\"}}}]}");
    CHECKF(contains(a, "\"variationsToReport\":[]"), "%.6000s", a);
    CHECKF(contains(a, "\"problem\":\"centrallyManaged\""), "%.6000s", a);
    CHECKF(contains(a, "\"basis\":\"configurableDefault\",\"citation\":\"Corporate Security Policy, "
                       "who does it apply to (national security vetting is managed centrally)"),
           "%.9000s", a);
    spf_string_free(a);
}

static void test_typed_entry_points(const SpfEngine *engine)
{
    static const SpfResponseLevel expected_response[] = {
        SPF_RESPONSE_LEVEL_NORMAL, SPF_RESPONSE_LEVEL_NORMAL, SPF_RESPONSE_LEVEL_HEIGHTENED,
        SPF_RESPONSE_LEVEL_HEIGHTENED, SPF_RESPONSE_LEVEL_EXCEPTIONAL};
    SpfBreachInput in = base_input();
    SpfBreachResult r;
    SpfResponseLevel response = (SpfResponseLevel)99;
    SpfScheduleResult s;
    SpfEarlierBreach earlier[1];
    SpfDate last;
    SpfStatus status;
    uint32_t threat;

    section("typed entry points");
    memset(&r, 0xA5, sizeof r);
    status = spf_assess_breach(engine, &in, &r);
    CHECKF(status == SPF_STATUS_OK, "%s", spf_status_name(status));
    CHECK(r.level == SPF_LEVEL_MINOR);
    CHECK(r.score == 1);
    CHECK(r.band == SPF_BAND_GREEN);
    CHECK(r.route == SPF_ROUTE_MOJ_DISCIPLINARY_POLICY);
    /* Green still consults Security, about the circumstances (no before-acting bit). */
    CHECK(r.flags == (SPF_FLAG_RECORD_CENTRALLY | SPF_FLAG_BREACH_NOTICE_MAY_BE_ISSUED |
                      SPF_FLAG_CONSULT_SECURITY | SPF_FLAG_MANAGER_DECISION_REQUIRED));
    CHECK(r.reasons >= 5);
    expect_no_error("typed lossOfPass");

    /* The README's example: a SECRET cabinet left unlocked for the second time. */
    in = base_input();
    in.kind = SPF_BREACH_KIND_SECURITY_CABINET_NOT_LOCKED;
    in.marking = SPF_MARKING_SECRET;
    in.occurred = ymd(2026, 9, 14);
    earlier[0].date = ymd(2026, 3, 2);
    earlier[0].kind = SPF_BREACH_KIND_SECURITY_CABINET_NOT_LOCKED;
    in.earlier_breaches = earlier;
    in.earlier_breaches_len = 1;
    status = spf_assess_breach(engine, &in, &r);
    CHECKF(status == SPF_STATUS_OK, "%s", spf_status_name(status));
    CHECK(r.level == SPF_LEVEL_GROSS && r.score == 6 && r.band == SPF_BAND_RED);
    CHECK((r.flags & SPF_FLAG_CONSULT_SECURITY) && (r.flags & SPF_FLAG_RECORD_CENTRALLY));
    CHECK(r.flags & SPF_FLAG_CONSULT_SECURITY_BEFORE_ACTING);
    CHECK(!(r.flags & SPF_FLAG_REPORT_TO_STRAPSO));

    /* STRAP on TOP SECRET, an agency worker: STRAPSO flag and the contract route. */
    in = base_input();
    in.kind = SPF_BREACH_KIND_CLASSIFIED_MATERIAL_DISCLOSED;
    in.marking = SPF_MARKING_TOP_SECRET;
    in.caveats = SPF_CAVEAT_STRAP;
    in.care = SPF_CARE_RECKLESSNESS;
    in.person_status = SPF_PERSON_STATUS_AGENCY_STAFF;
    in.security_cleared = true;
    status = spf_assess_breach(engine, &in, &r);
    CHECKF(status == SPF_STATUS_OK, "%s", spf_status_name(status));
    CHECK(r.level == SPF_LEVEL_GROSS && r.band == SPF_BAND_BLACK);
    CHECK(r.route == SPF_ROUTE_CONTRACT_MANAGEMENT);
    CHECK((r.flags & SPF_FLAG_REPORT_TO_STRAPSO) && (r.flags & SPF_FLAG_CONTRACT_MAY_BE_CANCELLED));

    /* A probationer goes to the probation policy. */
    in = base_input();
    in.person_status = SPF_PERSON_STATUS_PROBATIONER;
    status = spf_assess_breach(engine, &in, &r);
    CHECK(status == SPF_STATUS_OK && r.route == SPF_ROUTE_PROBATION_POLICY);

    /* A minister is referred to the Prime Minister; arm's-length body staff go
     * to its own arrangements. */
    in = base_input();
    in.person_status = SPF_PERSON_STATUS_MINISTER;
    status = spf_assess_breach(engine, &in, &r);
    CHECK(status == SPF_STATUS_OK && r.route == SPF_ROUTE_MINISTERIAL_CODE);
    CHECK(strcmp(spf_route_name(r.route), "ministerialCode") == 0);
    in = base_input();
    in.organisation = SPF_ORGANISATION_OTHER_AGENCY;
    status = spf_assess_breach(engine, &in, &r);
    CHECK(status == SPF_STATUS_OK && r.route == SPF_ROUTE_ARMS_LENGTH_BODY_ARRANGEMENTS);
    CHECK(!(r.flags & SPF_FLAG_CONTRACT_MAY_BE_CANCELLED));

    /* Information risk: personal data tells the asset owner and the data
     * protection team; a high impact escalates to the SIRO; a named asset alone
     * tells its owner. */
    in = base_input();
    in.personal_data = true;
    status = spf_assess_breach(engine, &in, &r);
    CHECKF(status == SPF_STATUS_OK, "%s", spf_status_name(status));
    CHECK((r.flags & SPF_FLAG_INFORM_INFORMATION_ASSET_OWNER) &&
          (r.flags & SPF_FLAG_INFORM_DATA_PROTECTION_TEAM) && !(r.flags & SPF_FLAG_ESCALATE_TO_SIRO));
    in.impact = SPF_IMPACT_HIGH;
    status = spf_assess_breach(engine, &in, &r);
    CHECK(status == SPF_STATUS_OK && (r.flags & SPF_FLAG_ESCALATE_TO_SIRO));
    in = base_input();
    in.impact = SPF_IMPACT_MEDIUM;
    in.information_asset_name = "Estates register";
    in.information_asset_name_len = strlen("Estates register");
    in.information_asset_owner = "Head of Estates";
    in.information_asset_owner_len = strlen("Head of Estates");
    status = spf_assess_breach(engine, &in, &r);
    CHECK(status == SPF_STATUS_OK && (r.flags & SPF_FLAG_INFORM_INFORMATION_ASSET_OWNER));
    CHECK(!(r.flags & SPF_FLAG_INFORM_DATA_PROTECTION_TEAM) && !(r.flags & SPF_FLAG_ESCALATE_TO_SIRO));
    expect_no_error("typed information risk");

    /* Response levels. */
    for (threat = SPF_THREAT_LEVEL_LOW; threat <= SPF_THREAT_LEVEL_CRITICAL; threat++) {
        response = (SpfResponseLevel)99;
        status = spf_response_level(engine, threat, &response);
        CHECKF(status == SPF_STATUS_OK && response == expected_response[threat],
               "threat %u: %s, response %u", (unsigned)threat, spf_status_name(status),
               (unsigned)response);
    }
    status = spf_response_level(engine, SPF_THREAT_LEVEL_SEVERE, &response);
    CHECK(status == SPF_STATUS_OK && response == SPF_RESPONSE_LEVEL_HEIGHTENED);

    /* CT-plan test schedule: MODERATE, every 24 months, 90-day warning window. */
    last = ymd(2024, 6, 30);
    memset(&s, 0xA5, sizeof s);
    status = spf_ct_plan_test_status(engine, SPF_SITE_TIER_MODERATE, &last, ymd(2026, 6, 30), &s);
    CHECKF(status == SPF_STATUS_OK, "%s", spf_status_name(status));
    CHECKF(s.status == SPF_SCHEDULE_STATUS_DUE, "status %u", (unsigned)s.status);
    CHECK(same_date(s.due_on, ymd(2026, 6, 30)));
    CHECK(same_date(s.overdue_after, ymd(2026, 6, 30)));
    CHECKF(same_date(s.due_soon_from, ymd(2026, 4, 1)), "due_soon_from %d-%u-%u",
           (int)s.due_soon_from.year, (unsigned)s.due_soon_from.month,
           (unsigned)s.due_soon_from.day);
    status = spf_ct_plan_test_status(engine, SPF_SITE_TIER_MODERATE, &last, ymd(2026, 7, 1), &s);
    CHECK(status == SPF_STATUS_OK && s.status == SPF_SCHEDULE_STATUS_OVERDUE);
    status = spf_ct_plan_test_status(engine, SPF_SITE_TIER_MODERATE, &last, ymd(2026, 4, 1), &s);
    CHECK(status == SPF_STATUS_OK && s.status == SPF_SCHEDULE_STATUS_DUE_SOON);
    status = spf_ct_plan_test_status(engine, SPF_SITE_TIER_MODERATE, &last, ymd(2026, 3, 31), &s);
    CHECK(status == SPF_STATUS_OK && s.status == SPF_SCHEDULE_STATUS_OK);
    /* LOW: due at 36 months, overdue after 60; calendar months are exact. */
    last = ymd(2024, 2, 29);
    status = spf_ct_plan_test_status(engine, SPF_SITE_TIER_LOW, &last, ymd(2028, 1, 1), &s);
    CHECK(status == SPF_STATUS_OK && s.status == SPF_SCHEDULE_STATUS_DUE);
    CHECK(same_date(s.due_on, ymd(2027, 2, 28)) && same_date(s.overdue_after, ymd(2029, 2, 28)));
    /* Never tested: NULL last_tested, dates not applicable are {0,0,0}. */
    status = spf_ct_plan_test_status(engine, SPF_SITE_TIER_HIGH, NULL, ymd(2026, 6, 30), &s);
    CHECK(status == SPF_STATUS_OK && s.status == SPF_SCHEDULE_STATUS_NEVER_DONE);
    CHECK(same_date(s.due_on, ymd(0, 0, 0)) && same_date(s.due_soon_from, ymd(0, 0, 0)) &&
          same_date(s.overdue_after, ymd(0, 0, 0)));
    /* The last test that falls due inside the calendar: due on its last day. */
    last = ymd(9997, 12, 31);
    status = spf_ct_plan_test_status(engine, SPF_SITE_TIER_MODERATE, &last, ymd(9999, 12, 31), &s);
    CHECK(status == SPF_STATUS_OK && s.status == SPF_SCHEDULE_STATUS_DUE);
    CHECK(same_date(s.due_on, ymd(9999, 12, 31)) && same_date(s.overdue_after, ymd(9999, 12, 31)));
    expect_no_error("typed schedule");
}

static void test_engines_and_policy(void)
{
    SpfEngine *engine = SENTINEL_ENGINE, *copy = SENTINEL_ENGINE, *local = SENTINEL_ENGINE;
    char *document = SENTINEL_STRING, *again = SENTINEL_STRING, *edited, *answer = NULL;
    SpfStatus status;
    SpfBreachInput in = base_input();
    SpfBreachResult r1, r2;

    section("engines and policy documents");
    status = spf_engine_new_default(&engine);
    CHECK(status == SPF_STATUS_OK && engine != NULL && engine != SENTINEL_ENGINE);
    status = spf_policy_export_json(engine, &document);
    CHECK(status == SPF_STATUS_OK && document != NULL && document != SENTINEL_STRING);
    CHECKF(contains(document, "\"id\": \"moj-default\""), "%.200s", document);
    CHECK(contains(document, "\"maxScore\": 12"));

    /* The export loads back, behaves the same and exports the same bytes. */
    status = spf_engine_new_from_json(document, strlen(document), &copy);
    CHECKF(status == SPF_STATUS_OK && copy != NULL && copy != SENTINEL_ENGINE, "%s",
           spf_status_name(status));
    if (status == SPF_STATUS_OK) {
        status = spf_policy_export_json(copy, &again);
        CHECK(status == SPF_STATUS_OK && strcmp(again, document) == 0);
        spf_string_free(again);
        CHECK(spf_assess_breach(engine, &in, &r1) == SPF_STATUS_OK);
        CHECK(spf_assess_breach(copy, &in, &r2) == SPF_STATUS_OK);
        CHECK(same_result(&r1, &r2));
        spf_engine_free(copy);
    }

    /* An agency's own copy: its id shows in every answer. */
    edited = replace_first(document, "\"id\": \"moj-default\"", "\"id\": \"hmpps-local\"");
    CHECK(edited != NULL);
    if (edited != NULL) {
        status = spf_engine_new_from_json(edited, strlen(edited), &local);
        CHECKF(status == SPF_STATUS_OK, "%s", spf_status_name(status));
        if (status == SPF_STATUS_OK) {
            status = spf_assess_breach_json(local, LOSS_OF_PASS, strlen(LOSS_OF_PASS), &answer);
            CHECK(status == SPF_STATUS_OK);
            CHECKF(contains(answer, "\"policy\":{\"id\":\"hmpps-local\""), "%.200s", answer);
            spf_string_free(answer);
            spf_engine_free(local);
        }
        free(edited);
    }

    /* A statement of the MoJ texts cannot be loosened quietly: relabelling the
     * first kind's floor (POLSBP006, minor list) as a default is refused ... */
    edited = replace_first(document, "\"basis\": \"policyStatement\"",
                           "\"basis\": \"configurableDefault\"");
    CHECK(edited != NULL);
    if (edited != NULL) {
        local = NULL;
        status = spf_engine_new_from_json(edited, strlen(edited), &local);
        CHECKF(status == SPF_STATUS_POLICY_INVALID, "%s", spf_status_name(status));
        CHECK(local == NULL);
        expect_last_error("loosened statement", "(at /breach/kinds/0/source/basis)",
                          "policyWeakensStatement");
        free(edited);
    }
    /* ... but loads as a variation the Accounting Officer agreed, and the answer
     * resting on it says so. */
    edited = replace_first(document, "\"basis\": \"policyStatement\"",
                           "\"basis\": \"agencyVariation\", \"variation\": {\"by\": \"A. Officer\", "
                           "\"role\": \"accountingOfficer\", \"agreedOn\": \"2026-04-01\", "
                           "\"reason\": \"local pass scheme\"}");
    CHECK(edited != NULL);
    if (edited != NULL) {
        local = NULL;
        status = spf_engine_new_from_json(edited, strlen(edited), &local);
        CHECKF(status == SPF_STATUS_OK, "%s", spf_status_name(status));
        if (status == SPF_STATUS_OK) {
            status = spf_assess_breach_json(local, LOSS_OF_PASS, strlen(LOSS_OF_PASS), &answer);
            CHECK(status == SPF_STATUS_OK);
            CHECKF(contains(answer, "\"basis\":\"agencyVariation\",\"citation\":\"agency variation "
                                    "agreed by A. Officer (Accounting Officer) on 2026-04-01"),
                   "%.400s", answer);
            spf_string_free(answer);
            spf_engine_free(local);
        }
        free(edited);
    }
    spf_string_free(document);
    spf_engine_free(engine);

    /* NULL is fine for both free functions. */
    spf_engine_free(NULL);
    spf_string_free(NULL);
    CHECK(1);
}

/* ------------------------------------------------------------------------- */
/* Error reporting                                                              */

static void test_error_reporting(const SpfEngine *engine)
{
    char *answer = SENTINEL_STRING;
    char small[8];
    char *big;
    size_t needed = 0, written = 0;
    SpfStatus status;
    const char bad[] = "{\"kind\":\"lossOfPass\",\"nope\":1}";
    const char *expected_text = "unknownField: unknown field `nope`";

    section("error reporting");
    /* A success leaves no error behind. */
    char *ok = json_ok("before errors", spf_response_level_json, engine, "{\"threatLevel\":\"low\"}");
    spf_string_free(ok);
    expect_no_error("after a success");

    status = spf_assess_breach_json(engine, bad, strlen(bad), &answer);
    CHECK(status == SPF_STATUS_INVALID_INPUT);
    CHECK(answer == SENTINEL_STRING);

    /* Too small a buffer: nothing copied, the needed size (with the NUL) reported. */
    memset(small, '#', sizeof small);
    status = spf_last_error_message(small, sizeof small, &needed);
    CHECKF(status == SPF_STATUS_BUFFER_TOO_SMALL, "%s", spf_status_name(status));
    CHECK(needed > sizeof small);
    CHECK(memcmp(small, "########", sizeof small) == 0);
    /* A buffer of exactly one byte less than needed is still too small. */
    big = xmalloc(needed);
    memset(big, '#', needed);
    written = 0;
    status = spf_last_error_message(big, needed - 1, &written);
    CHECK(status == SPF_STATUS_BUFFER_TOO_SMALL && written == needed);
    /* No buffer at all: just the size. */
    written = 0;
    status = spf_last_error_message(NULL, 0, &written);
    CHECK(status == SPF_STATUS_BUFFER_TOO_SMALL && written == needed);
    /* Neither buffer nor size: still no crash. */
    status = spf_last_error_message(NULL, 0, NULL);
    CHECK(status == SPF_STATUS_BUFFER_TOO_SMALL);
    /* The exact size works; the text is `code: message (at /path)`. */
    status = spf_last_error_message(big, needed, &written);
    CHECK(status == SPF_STATUS_OK && written == needed - 1 && big[written] == '\0');
    CHECKF(strncmp(big, expected_text, strlen(expected_text)) == 0, "%s", big);
    CHECKF(contains(big, "(at /nope)"), "%s", big);
    /* Without written_out. */
    status = spf_last_error_message(big, needed, NULL);
    CHECK(status == SPF_STATUS_OK);
    free(big);
    /* Reading the error does not clear it; the JSON form agrees. */
    expect_last_error("unknown field, read twice", "unknown field `nope`", "unknownField");
    {
        char *document = NULL;
        CHECK(spf_last_error_json(&document) == SPF_STATUS_OK);
        CHECKF(contains(document, "\"path\":\"/nope\""), "%s", document);
        spf_string_free(document);
    }
    /* A request with three mistakes reports all three: the first as the
       top-level error, unchanged, and every one in `errors`, with the nearest
       valid name suggested. */
    {
        const char three[] = "{\"kind\":\"passwordSharing\",\"care\":\"carelessish\","
                             "\"person\":{\"status\":\"employee\",\"organisation\":\"MOJ\"}}";
        char *document = NULL;
        char text[1024];
        status = spf_assess_breach_json(engine, three, strlen(three), &answer);
        CHECK(status == SPF_STATUS_INVALID_INPUT && answer == SENTINEL_STRING);
        CHECK(spf_last_error_json(&document) == SPF_STATUS_OK);
        CHECKF(starts_with(document,
                           "{\"code\":\"unknownValue\",\"message\":\"unknown value `passwordSharing` "
                           "for `kind`; did you mean `passwordOrAccountSharing`? at line 1 column 25\","
                           "\"path\":\"/kind\",\"errors\":[{\"code\":\"unknownValue\","
                           "\"message\":\"unknown value `passwordSharing` for `kind`; did you mean "
                           "`passwordOrAccountSharing`? at line 1 column 25\",\"path\":\"/kind\"},"
                           "{\"code\":\"unknownValue\",\"message\":\"unknown value `carelessish` for "
                           "`care`; expected one of `avoidableCarelessness`, "),
               "%s", document);
        CHECKF(ends_with(document,
                         "\"path\":\"/care\"},{\"code\":\"missingField\",\"message\":"
                         "\"missing field `occurred`\",\"path\":\"\"}]}"),
               "%s", document);
        /* `MOJ` is `moj` in another case: not a mistake. */
        CHECKF(!contains(document, "MOJ`"), "%s", document);
        spf_string_free(document);
        CHECK(spf_last_error_message(text, sizeof text, NULL) == SPF_STATUS_OK);
        CHECKF(ends_with(text, "(at /kind) (and 2 more)"), "%s", text);
    }
    /* A later success clears it. */
    ok = json_ok("after errors", spf_response_level_json, engine, "{\"threatLevel\":\"low\"}");
    spf_string_free(ok);
    expect_no_error("cleared by a success");
    /* Typed calls record errors the same way. */
    {
        SpfResponseLevel response = (SpfResponseLevel)42;
        status = spf_response_level(engine, 7, &response);
        CHECK(status == SPF_STATUS_INVALID_INPUT && response == (SpfResponseLevel)42);
        expect_last_error("typed error", "7 is not a valid value for `threat_level`",
                          "unknownValue");
        CHECK(spf_response_level(engine, 0, &response) == SPF_STATUS_OK);
        CHECK(response == SPF_RESPONSE_LEVEL_NORMAL);
    }
    expect_no_error("typed success clears");
}

/* ------------------------------------------------------------------------- */
/* Bad input catalogue                                                          */

enum {
    USE_NULL_ENGINE = 1, /* pass engine = NULL */
    USE_NULL_OUT = 2,    /* pass answer_out = NULL */
    USE_NULL_TEXT = 4    /* pass request = NULL */
};

typedef struct {
    const char *name;
    JsonFn fn;
    const char *request; /* the bytes sent */
    size_t len;          /* how many; SIZE_MAX for strlen(request) */
    int use;             /* USE_* bits */
    SpfStatus status;    /* expected status */
    const char *text;    /* in the error text (or, for OK, in the answer) */
    const char *code;    /* the JSON error code, or NULL */
} JsonCase;

static unsigned g_cases;

static void run_json_case(const SpfEngine *engine, const JsonCase *c)
{
    char *answer = SENTINEL_STRING;
    size_t len = c->len == SIZE_MAX ? strlen(c->request) : c->len;
    SpfStatus status;
    status = c->fn((c->use & USE_NULL_ENGINE) ? NULL : engine,
                   (c->use & USE_NULL_TEXT) ? NULL : c->request, len,
                   (c->use & USE_NULL_OUT) ? NULL : &answer);
    g_cases++;
    CHECKF(status == c->status, "%s: status %s, expected %s", c->name, spf_status_name(status),
           spf_status_name(c->status));
    if (c->status == SPF_STATUS_OK) {
        CHECKF(answer != SENTINEL_STRING && answer != NULL, "%s: no answer", c->name);
        if (status == SPF_STATUS_OK && answer != SENTINEL_STRING) {
            CHECKF(contains(answer, c->text), "%s: answer lacks %s", c->name, c->text);
            spf_string_free(answer);
        }
        expect_no_error(c->name);
        return;
    }
    CHECKF(answer == SENTINEL_STRING, "%s: answer_out written on failure", c->name);
    if (status == SPF_STATUS_OK && answer != SENTINEL_STRING) {
        spf_string_free(answer);
    }
    if (status != SPF_STATUS_OK) {
        expect_last_error(c->name, c->text, c->code);
    }
}

/* Fields of SpfBreachInput a typed case breaks. */
typedef enum {
    BREAK_KIND,
    BREAK_MARKING,
    BREAK_CAVEATS,
    BREAK_CARE,
    BREAK_DAMAGE,
    BREAK_PERSON,
    BREAK_ORGANISATION,
    BREAK_OCCURRED,      /* occurred = 2026-02-30 */
    BREAK_OCCURRED_ZERO, /* occurred = {0,0,0} */
    BREAK_STRAP_ON_OFFICIAL,
    BREAK_SENSITIVE_ON_SECRET,
    BREAK_CAVEAT_NO_MARKING,
    BREAK_EARLIER_NULL,  /* earlier_breaches NULL, len 2 */
    BREAK_EARLIER_AFTER, /* an earlier breach after `occurred` */
    BREAK_EARLIER_KIND,  /* an earlier breach of kind 999 */
    BREAK_EARLIER_DATE,  /* an earlier breach on 2025-13-01 */
    BREAK_NOT_CLEARED,   /* change of circumstances for someone not cleared */
    BREAK_PERSONAL_DATA, /* personal_data = value */
    BREAK_IMPACT,        /* impact = value */
    BREAK_ASSET_OWNER_NULL, /* an asset name without its owner */
    BREAK_ASSET_UTF8,       /* an asset name that is not UTF-8 */
    BREAK_ASSET_BLANK,      /* an owner of spaces */
    BREAK_NULL_ENGINE,
    BREAK_NULL_INPUT,
    BREAK_NULL_RESULT
} Break;

typedef struct {
    const char *name;
    Break what;
    uint32_t value;
    SpfStatus status;
    const char *text;
    const char *code;
} TypedCase;

static void run_typed_case(const SpfEngine *engine, const TypedCase *c)
{
    static const SpfEarlierBreach after[1] = {{{2026, 2, 1}, SPF_BREACH_KIND_LOSS_OF_PASS}};
    static const SpfEarlierBreach bad_kind[1] = {{{2025, 6, 1}, 999}};
    static const SpfEarlierBreach bad_date[1] = {{{2025, 13, 1}, SPF_BREACH_KIND_LOSS_OF_PASS}};
    SpfBreachInput in = base_input();
    SpfBreachResult result, untouched;
    SpfStatus status;
    const SpfEngine *use_engine = engine;
    const SpfBreachInput *use_input = &in;
    SpfBreachResult *use_result = &result;

    memset(&result, 0x5A, sizeof result);
    memcpy(&untouched, &result, sizeof result);
    switch (c->what) {
    case BREAK_KIND: in.kind = c->value; break;
    case BREAK_MARKING: in.marking = c->value; break;
    case BREAK_CAVEATS: in.marking = SPF_MARKING_OFFICIAL; in.caveats = c->value; break;
    case BREAK_CARE: in.care = c->value; break;
    case BREAK_DAMAGE: in.damage = c->value; break;
    case BREAK_PERSON: in.person_status = c->value; break;
    case BREAK_ORGANISATION: in.organisation = c->value; break;
    case BREAK_OCCURRED: in.occurred = ymd(2026, 2, 30); break;
    case BREAK_OCCURRED_ZERO: in.occurred = ymd(0, 0, 0); break;
    case BREAK_STRAP_ON_OFFICIAL: in.marking = SPF_MARKING_OFFICIAL; in.caveats = SPF_CAVEAT_STRAP; break;
    case BREAK_SENSITIVE_ON_SECRET: in.marking = SPF_MARKING_SECRET; in.caveats = SPF_CAVEAT_SENSITIVE; break;
    case BREAK_CAVEAT_NO_MARKING: in.caveats = SPF_CAVEAT_SENSITIVE; break;
    case BREAK_EARLIER_NULL: in.earlier_breaches = NULL; in.earlier_breaches_len = 2; break;
    case BREAK_EARLIER_AFTER: in.earlier_breaches = after; in.earlier_breaches_len = 1; break;
    case BREAK_EARLIER_KIND: in.earlier_breaches = bad_kind; in.earlier_breaches_len = 1; break;
    case BREAK_EARLIER_DATE: in.earlier_breaches = bad_date; in.earlier_breaches_len = 1; break;
    case BREAK_NOT_CLEARED: in.kind = SPF_BREACH_KIND_CHANGE_OF_CIRCUMSTANCES_NOT_REPORTED; break;
    case BREAK_PERSONAL_DATA: in.personal_data = c->value; break;
    case BREAK_IMPACT: in.impact = c->value; break;
    case BREAK_ASSET_OWNER_NULL:
        in.information_asset_name = "Case files";
        in.information_asset_name_len = 10;
        break;
    case BREAK_ASSET_UTF8:
        in.information_asset_name = "Case \xff";
        in.information_asset_name_len = 6;
        in.information_asset_owner = "Head of Unit";
        in.information_asset_owner_len = 12;
        break;
    case BREAK_ASSET_BLANK:
        in.information_asset_name = "Case files";
        in.information_asset_name_len = 10;
        in.information_asset_owner = "   ";
        in.information_asset_owner_len = 3;
        break;
    case BREAK_NULL_ENGINE: use_engine = NULL; break;
    case BREAK_NULL_INPUT: use_input = NULL; break;
    case BREAK_NULL_RESULT: use_result = NULL; break;
    }
    status = spf_assess_breach(use_engine, use_input, use_result);
    g_cases++;
    CHECKF(status == c->status, "%s: status %s, expected %s", c->name, spf_status_name(status),
           spf_status_name(c->status));
    CHECKF(memcmp(&result, &untouched, sizeof result) == 0, "%s: result_out written on failure",
           c->name);
    expect_last_error(c->name, c->text, c->code);
}

/* The other calls, each with one bad argument. */
typedef enum {
    OTHER_NEW_DEFAULT_NULL_OUT,
    OTHER_FROM_JSON, /* spf_engine_new_from_json(text, len, &engine) */
    OTHER_FROM_JSON_NULL_POLICY,
    OTHER_FROM_JSON_NULL_OUT,
    OTHER_EXPORT_NULL_ENGINE,
    OTHER_EXPORT_NULL_OUT,
    OTHER_RESPONSE, /* spf_response_level(engine, value, &out) */
    OTHER_RESPONSE_NULL_ENGINE,
    OTHER_RESPONSE_NULL_OUT,
    OTHER_SCHEDULE_TIER, /* spf_ct_plan_test_status with tier `value` */
    OTHER_SCHEDULE_AS_OF_BAD,
    OTHER_SCHEDULE_LAST_BAD,
    OTHER_SCHEDULE_LAST_AFTER,
    OTHER_SCHEDULE_DUE_AFTER_9999,
    OTHER_SCHEDULE_LAST_ZERO,
    OTHER_SCHEDULE_NULL_ENGINE,
    OTHER_SCHEDULE_NULL_OUT,
    OTHER_LAST_ERROR_JSON_NULL_OUT
} Other;

typedef struct {
    const char *name;
    Other what;
    const char *text; /* policy document for OTHER_FROM_JSON */
    size_t len;       /* SIZE_MAX for strlen */
    uint32_t value;
    SpfStatus status;
    const char *message;
    const char *code;
} OtherCase;

static void run_other_case(const SpfEngine *engine, const OtherCase *c)
{
    SpfEngine *made = SENTINEL_ENGINE;
    char *document = SENTINEL_STRING;
    SpfResponseLevel response = (SpfResponseLevel)77, response_before = (SpfResponseLevel)77;
    SpfScheduleResult schedule, schedule_before;
    SpfDate last = ymd(2025, 1, 1);
    SpfStatus status = SPF_STATUS_OK;
    size_t len = (c->text != NULL && c->len == SIZE_MAX) ? strlen(c->text) : c->len;

    memset(&schedule, 0x5A, sizeof schedule);
    memcpy(&schedule_before, &schedule, sizeof schedule);
    switch (c->what) {
    case OTHER_NEW_DEFAULT_NULL_OUT: status = spf_engine_new_default(NULL); break;
    case OTHER_FROM_JSON: status = spf_engine_new_from_json(c->text, len, &made); break;
    case OTHER_FROM_JSON_NULL_POLICY: status = spf_engine_new_from_json(NULL, 10, &made); break;
    case OTHER_FROM_JSON_NULL_OUT: status = spf_engine_new_from_json(c->text, len, NULL); break;
    case OTHER_EXPORT_NULL_ENGINE: status = spf_policy_export_json(NULL, &document); break;
    case OTHER_EXPORT_NULL_OUT: status = spf_policy_export_json(engine, NULL); break;
    case OTHER_RESPONSE: status = spf_response_level(engine, c->value, &response); break;
    case OTHER_RESPONSE_NULL_ENGINE: status = spf_response_level(NULL, 0, &response); break;
    case OTHER_RESPONSE_NULL_OUT: status = spf_response_level(engine, 0, NULL); break;
    case OTHER_SCHEDULE_TIER:
        status = spf_ct_plan_test_status(engine, c->value, &last, ymd(2026, 6, 30), &schedule);
        break;
    case OTHER_SCHEDULE_AS_OF_BAD:
        status = spf_ct_plan_test_status(engine, 0, &last, ymd(2026, 2, 30), &schedule);
        break;
    case OTHER_SCHEDULE_LAST_BAD:
        last = ymd(2025, 4, 31);
        status = spf_ct_plan_test_status(engine, 0, &last, ymd(2026, 6, 30), &schedule);
        break;
    case OTHER_SCHEDULE_LAST_ZERO:
        last = ymd(0, 0, 0);
        status = spf_ct_plan_test_status(engine, 0, &last, ymd(2026, 6, 30), &schedule);
        break;
    case OTHER_SCHEDULE_LAST_AFTER:
        last = ymd(2026, 7, 1);
        status = spf_ct_plan_test_status(engine, 0, &last, ymd(2026, 6, 30), &schedule);
        break;
    case OTHER_SCHEDULE_DUE_AFTER_9999:
        /* A MODERATE test falls due 24 months on: past the calendar, so no
         * due date can be given (and {0,0,0} would read "not applicable"). */
        last = ymd(9999, 6, 1);
        status = spf_ct_plan_test_status(engine, SPF_SITE_TIER_MODERATE, &last, ymd(9999, 12, 31),
                                         &schedule);
        break;
    case OTHER_SCHEDULE_NULL_ENGINE:
        status = spf_ct_plan_test_status(NULL, 0, &last, ymd(2026, 6, 30), &schedule);
        break;
    case OTHER_SCHEDULE_NULL_OUT:
        status = spf_ct_plan_test_status(engine, 0, &last, ymd(2026, 6, 30), NULL);
        break;
    case OTHER_LAST_ERROR_JSON_NULL_OUT: {
        /* Make sure there is an error to report first. */
        SpfResponseLevel ignored;
        CHECK(spf_response_level(engine, 99, &ignored) == SPF_STATUS_INVALID_INPUT);
        status = spf_last_error_json(NULL);
        break;
    }
    }
    g_cases++;
    CHECKF(status == c->status, "%s: status %s, expected %s", c->name, spf_status_name(status),
           spf_status_name(c->status));
    CHECKF(made == SENTINEL_ENGINE, "%s: engine_out written on failure", c->name);
    CHECKF(document == SENTINEL_STRING, "%s: document_out written on failure", c->name);
    CHECKF(response == response_before, "%s: response_out written on failure", c->name);
    CHECKF(memcmp(&schedule, &schedule_before, sizeof schedule) == 0,
           "%s: result_out written on failure", c->name);
    if (status == SPF_STATUS_OK && made != SENTINEL_ENGINE) {
        spf_engine_free(made);
    }
    if (status == SPF_STATUS_OK && document != SENTINEL_STRING) {
        spf_string_free(document);
    }
    if (status != SPF_STATUS_OK) {
        expect_last_error(c->name, c->message, c->code);
    }
}

static char *repeat(const char *head, const char *unit, size_t times, const char *tail)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail), i;
    char *out = xmalloc(hl + ul * times + tl + 1), *p = out;
    memcpy(p, head, hl);
    p += hl;
    for (i = 0; i < times; i++) {
        memcpy(p, unit, ul);
        p += ul;
    }
    memcpy(p, tail, tl + 1);
    return out;
}

#define TEN_MB (10u * 1024u * 1024u)
#define PERSON_MOJ "\"person\":{\"status\":\"employee\",\"organisation\":\"moj\"}"
#define BASE_FIELDS "\"kind\":\"lossOfPass\",\"care\":\"avoidableCarelessness\",\"occurred\":\"2026-03-01\""
#define SITE_REQ(threat, override)                                                                 \
    "{\"asOf\":\"2026-11-23\",\"threatLevel\":\"" threat "\",\"site\":{\"id\":\"X1\",\"name\":\"X\"," \
    "\"tier\":\"moderate\",\"tierAssessed\":\"2026-02-10\",\"ctPlan\":{\"variesByResponseLevel\":true," \
    "\"lastTested\":\"2025-12-01\"},\"riskAssessed\":\"2026-01-20\"" override "}}"

static void test_bad_input(const SpfEngine *engine)
{
    char *policy = NULL, *bands = NULL, *monotone = NULL, *unknown_policy_field = NULL;
    size_t policy_len;
    char *huge_reference, *huge_garbage, *deep_array, *deep_field, *deep_sites, *deep_records;
    const char invalid_utf8[] = "{\"kind\":\"lo\xC3\x28ssOfPass\"}";
    const char invalid_utf8_trend[] = "{\"from\":\"2026-04-01\",\"to\":\"\xFF\"}";
    const char invalid_utf8_return[] = "{\"businessArea\":\"HM\xC3\x28PPS\"}";
    const char invalid_utf8_policy[] = "{\"id\": \"\xFF\"}";
    const char with_nul[] = "{\"kind\":\"lossOfPass\"\0}";
    size_t i;
    unsigned before;

    section("bad input catalogue");
    CHECK(spf_policy_export_json(engine, &policy) == SPF_STATUS_OK);
    policy_len = strlen(policy);
    /* Bands that no longer cover 1-12 (the README's example). */
    bands = replace_first(policy, "\"maxScore\": 12", "\"maxScore\": 11");
    /* A control matrix whose requirements shrink as the response level rises: the
     * first cell (low tier, NORMAL) gains "patrols", which the low tier only
     * recommends at HEIGHTENED. */
    unknown_policy_field = replace_first(policy, "{", "{\n  \"colour\": \"red\",");
    monotone = replace_first(policy,
                             "\"responseLevel\": \"normal\",\n          \"required\": [\n",
                             "\"responseLevel\": \"normal\",\n          \"required\": [\n"
                             "            \"patrols\",\n");
    CHECK(bands != NULL && monotone != NULL && unknown_policy_field != NULL);

    /* 10 MB: a valid request whose reference is 10 MB long, and 10 MB of garbage. */
    huge_reference = repeat("{\"reference\":\"", "R", TEN_MB, "\"," BASE_FIELDS "," PERSON_MOJ "}");
    huge_garbage = repeat("", "x", TEN_MB, "");
    /* 100,000 levels of nesting: at the top, inside a field, inside a portfolio site,
     * inside a register record. */
    {
        char *open = repeat("", "[", 100000, "");
        char *closed = repeat(open, "]", 100000, "");
        deep_array = closed;
        free(open);
        open = repeat("{" BASE_FIELDS "," PERSON_MOJ ",\"reference\":", "{\"a\":", 100000, "1");
        deep_field = repeat(open, "}", 100000, "}");
        free(open);
        open = repeat("{\"asOf\":\"2026-11-23\",\"threatLevel\":\"low\",\"sites\":[", "[", 100000, "");
        deep_sites = repeat(open, "]", 100000, "]}");
        free(open);
        open = repeat("{\"from\":\"2026-04-01\",\"to\":\"2026-06-30\",\"records\":[", "[", 100000, "");
        deep_records = repeat(open, "]", 100000, "]}");
        free(open);
    }

    {
        JsonCase json_cases[] = {
            /* NULL for each pointer argument of each JSON entry point. */
            {"assess: engine NULL", spf_assess_breach_json, LOSS_OF_PASS, SIZE_MAX, USE_NULL_ENGINE,
             SPF_STATUS_NULL_ARGUMENT, "argument `engine` is NULL", "nullArgument"},
            {"assess: request NULL", spf_assess_breach_json, LOSS_OF_PASS, SIZE_MAX, USE_NULL_TEXT,
             SPF_STATUS_NULL_ARGUMENT, "argument `request` is NULL", "nullArgument"},
            {"assess: answer_out NULL", spf_assess_breach_json, LOSS_OF_PASS, SIZE_MAX, USE_NULL_OUT,
             SPF_STATUS_NULL_ARGUMENT, "argument `answer_out` is NULL", "nullArgument"},
            {"site: engine NULL", spf_site_status_json, "{}", SIZE_MAX, USE_NULL_ENGINE,
             SPF_STATUS_NULL_ARGUMENT, "argument `engine` is NULL", "nullArgument"},
            {"site: request NULL", spf_site_status_json, "{}", SIZE_MAX, USE_NULL_TEXT,
             SPF_STATUS_NULL_ARGUMENT, "argument `request` is NULL", "nullArgument"},
            {"site: answer_out NULL", spf_site_status_json, "{}", SIZE_MAX, USE_NULL_OUT,
             SPF_STATUS_NULL_ARGUMENT, "argument `answer_out` is NULL", "nullArgument"},
            {"portfolio: engine NULL", spf_portfolio_json, "{}", SIZE_MAX, USE_NULL_ENGINE,
             SPF_STATUS_NULL_ARGUMENT, "argument `engine` is NULL", "nullArgument"},
            {"portfolio: request NULL", spf_portfolio_json, "{}", SIZE_MAX, USE_NULL_TEXT,
             SPF_STATUS_NULL_ARGUMENT, "argument `request` is NULL", "nullArgument"},
            {"portfolio: answer_out NULL", spf_portfolio_json, "{}", SIZE_MAX, USE_NULL_OUT,
             SPF_STATUS_NULL_ARGUMENT, "argument `answer_out` is NULL", "nullArgument"},
            {"coordinate: engine NULL", spf_coordinate_json, "{}", SIZE_MAX, USE_NULL_ENGINE,
             SPF_STATUS_NULL_ARGUMENT, "argument `engine` is NULL", "nullArgument"},
            {"coordinate: request NULL", spf_coordinate_json, "{}", SIZE_MAX, USE_NULL_TEXT,
             SPF_STATUS_NULL_ARGUMENT, "argument `request` is NULL", "nullArgument"},
            {"coordinate: answer_out NULL", spf_coordinate_json, "{}", SIZE_MAX, USE_NULL_OUT,
             SPF_STATUS_NULL_ARGUMENT, "argument `answer_out` is NULL", "nullArgument"},
            {"response level: engine NULL", spf_response_level_json, "{}", SIZE_MAX, USE_NULL_ENGINE,
             SPF_STATUS_NULL_ARGUMENT, "argument `engine` is NULL", "nullArgument"},
            {"response level: request NULL", spf_response_level_json, "{}", SIZE_MAX, USE_NULL_TEXT,
             SPF_STATUS_NULL_ARGUMENT, "argument `request` is NULL", "nullArgument"},
            {"response level: answer_out NULL", spf_response_level_json, "{}", SIZE_MAX,
             USE_NULL_OUT, SPF_STATUS_NULL_ARGUMENT, "argument `answer_out` is NULL", "nullArgument"},
            {"trend report: engine NULL", spf_trend_report_json, "{}", SIZE_MAX, USE_NULL_ENGINE,
             SPF_STATUS_NULL_ARGUMENT, "argument `engine` is NULL", "nullArgument"},
            {"trend report: request NULL", spf_trend_report_json, "{}", SIZE_MAX, USE_NULL_TEXT,
             SPF_STATUS_NULL_ARGUMENT, "argument `request` is NULL", "nullArgument"},
            {"trend report: answer_out NULL", spf_trend_report_json, "{}", SIZE_MAX, USE_NULL_OUT,
             SPF_STATUS_NULL_ARGUMENT, "argument `answer_out` is NULL", "nullArgument"},
            {"compliance: engine NULL", spf_evaluate_compliance_json, "{}", SIZE_MAX,
             USE_NULL_ENGINE, SPF_STATUS_NULL_ARGUMENT, "argument `engine` is NULL", "nullArgument"},
            {"compliance: request NULL", spf_evaluate_compliance_json, "{}", SIZE_MAX, USE_NULL_TEXT,
             SPF_STATUS_NULL_ARGUMENT, "argument `request` is NULL", "nullArgument"},
            {"compliance: answer_out NULL", spf_evaluate_compliance_json, "{}", SIZE_MAX,
             USE_NULL_OUT, SPF_STATUS_NULL_ARGUMENT, "argument `answer_out` is NULL", "nullArgument"},
            {"request NULL with length 0", spf_assess_breach_json, "", 0, USE_NULL_TEXT,
             SPF_STATUS_NULL_ARGUMENT, "argument `request` is NULL", "nullArgument"},

            /* Bytes that are not JSON text. */
            {"invalid UTF-8", spf_assess_breach_json, invalid_utf8, SIZE_MAX, 0,
             SPF_STATUS_INVALID_UTF8, "argument `request` is not valid UTF-8 (byte 11)", NULL},
            {"lone UTF-8 continuation byte", spf_coordinate_json, "\x80", 1, 0,
             SPF_STATUS_INVALID_UTF8, "not valid UTF-8 (byte 0)", NULL},
            {"trend report: invalid UTF-8", spf_trend_report_json, invalid_utf8_trend, SIZE_MAX, 0,
             SPF_STATUS_INVALID_UTF8, "argument `request` is not valid UTF-8 (byte 27)", NULL},
            {"compliance: invalid UTF-8", spf_evaluate_compliance_json, invalid_utf8_return,
             SIZE_MAX, 0, SPF_STATUS_INVALID_UTF8,
             "argument `request` is not valid UTF-8 (byte 19)", NULL},
            {"NUL byte inside the length", spf_assess_breach_json, with_nul, sizeof with_nul - 1, 0,
             SPF_STATUS_INVALID_JSON, "expected `,` or `}` at line 1 column 21", "malformedJson"},
            {"empty input", spf_assess_breach_json, "", 0, 0, SPF_STATUS_INVALID_JSON,
             "the input is empty", "emptyInput"},
            {"whitespace only", spf_site_status_json, " \n\t ", SIZE_MAX, 0,
             SPF_STATUS_INVALID_JSON, "the input is empty", "emptyInput"},
            {"truncated JSON", spf_assess_breach_json, LOSS_OF_PASS, 40, 0, SPF_STATUS_INVALID_JSON,
             "EOF", "malformedJson"},
            {"truncated portfolio", spf_portfolio_json, "{\"asOf\":\"2026-11-23\",\"sites\":[", SIZE_MAX,
             0, SPF_STATUS_INVALID_JSON, "EOF", "malformedJson"},
            {"truncated trend report", spf_trend_report_json,
             "{\"from\":\"2026-04-01\",\"to\":\"2026-06-30\",\"records\":[" TREND_RECORD("I", "2026-05-01",
             "lossOfPass"), SIZE_MAX, 0, SPF_STATUS_INVALID_JSON, "EOF", "malformedJson"},
            {"truncated compliance return", spf_evaluate_compliance_json,
             "{\"businessArea\":\"HMPPS\",\"returnDate\":\"2026-03-31\",\"elements\":[{\"element\":",
             SIZE_MAX, 0, SPF_STATUS_INVALID_JSON, "EOF", "malformedJson"},
            {"trailing data", spf_response_level_json, "{\"threatLevel\":\"low\"} {}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_JSON, "trailing characters", "malformedJson"},
            {"10 MB of garbage", spf_assess_breach_json, huge_garbage, TEN_MB, 0,
             SPF_STATUS_INVALID_JSON, "expected value", "malformedJson"},
            {"10 MB reference (valid)", spf_assess_breach_json, huge_reference, SIZE_MAX, 0,
             SPF_STATUS_OK, "\"reference\":\"RRRRRRRRRRRRRRRR", NULL},
            {"nested 100,000 deep at the top", spf_assess_breach_json, deep_array, SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "invalid type", "invalidType"},
            {"nested 100,000 deep in a field", spf_assess_breach_json, deep_field, SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "(at /reference)", "invalidType"},
            /* A portfolio reads each site on its own: the deep one is rejected, not the
             * request. */
            {"nested 100,000 deep in a portfolio site", spf_portfolio_json, deep_sites, SIZE_MAX, 0,
             SPF_STATUS_OK, "\"rejected\":[{\"index\":0,\"error\":{\"code\":\"invalidType\"", NULL},
            /* So does a trend report with each record. */
            {"nested 100,000 deep in a register record", spf_trend_report_json, deep_records, SIZE_MAX,
             0, SPF_STATUS_OK, "\"rejected\":[{\"index\":0,\"error\":{\"code\":\"invalidType\"", NULL},

            /* Well-formed but not valid. */
            {"unknown field", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"care_level\":\"x\"," PERSON_MOJ "}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "unknown field `care_level`", "unknownField"},
            {"unknown nested field", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"person\":{\"status\":\"employee\",\"organisation\":\"moj\",\"grade\":1}}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "(at /person/grade)", "unknownField"},
            {"duplicate field", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"kind\":\"passNotWorn\"," PERSON_MOJ "}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "duplicate field `kind`", "duplicateField"},
            {"missing field", spf_assess_breach_json,
             "{\"kind\":\"lossOfPass\",\"occurred\":\"2026-03-01\"," PERSON_MOJ "}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "missing field `care`", "missingField"},
            {"unknown kind", spf_assess_breach_json,
             "{\"kind\":\"lostPass\",\"care\":\"avoidableCarelessness\",\"occurred\":\"2026-03-01\","
             PERSON_MOJ "}", SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "unknown value `lostPass` for `kind`; did you mean `lossOfPass`?",
             "unknownValue"},
            {"kind of the wrong type", spf_assess_breach_json,
             "{\"kind\":7,\"care\":\"avoidableCarelessness\",\"occurred\":\"2026-03-01\"," PERSON_MOJ "}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "(at /kind)", "invalidType"},
            {"kind null", spf_assess_breach_json,
             "{\"kind\":null,\"care\":\"avoidableCarelessness\",\"occurred\":\"2026-03-01\"," PERSON_MOJ "}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "(at /kind)", "invalidType"},
            {"threat level as a number", spf_response_level_json, "{\"threatLevel\":3}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "(at /threatLevel)", "invalidType"},
            {"date of the wrong type", spf_assess_breach_json,
             "{\"kind\":\"lossOfPass\",\"care\":\"avoidableCarelessness\",\"occurred\":20260301,"
             PERSON_MOJ "}", SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "(at /occurred)", "invalidType"},
            {"marking of the wrong type", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"marking\":\"official\"," PERSON_MOJ "}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "(at /marking)", "invalidType"},
            {"negative previousWarnings", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"previousWarnings\":-1," PERSON_MOJ "}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "(at /previousWarnings)", "invalidType"},
            {"STRAP on OFFICIAL", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"marking\":{\"classification\":\"official\",\"caveats\":[\"strap\"]},"
             PERSON_MOJ "}", SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "STRAP", "invalidMarking"},
            {"SENSITIVE on SECRET", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"marking\":{\"classification\":\"secret\",\"caveats\":[\"sensitive\"]},"
             PERSON_MOJ "}", SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "SENSITIVE", "invalidMarking"},
            {"impossible date 2026-02-30", spf_assess_breach_json,
             "{\"kind\":\"lossOfPass\",\"care\":\"avoidableCarelessness\",\"occurred\":\"2026-02-30\","
             PERSON_MOJ "}", SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "(at /occurred)", "invalidDate"},
            {"date in another format", spf_assess_breach_json,
             "{\"kind\":\"lossOfPass\",\"care\":\"avoidableCarelessness\",\"occurred\":\"30/01/2026\","
             PERSON_MOJ "}", SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "(at /occurred)", "invalidDate"},
            {"earlier breach after the breach", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"earlierBreaches\":[{\"date\":\"2026-04-01\",\"kind\":\"lossOfPass\"}],"
             PERSON_MOJ "}", SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT,
             "earlier breach dated `2026-04-01` is after the breach being assessed",
             "dateOutOfOrder"},
            {"change of circumstances, not cleared", spf_assess_breach_json,
             "{\"kind\":\"changeOfCircumstancesNotReported\",\"care\":\"avoidableCarelessness\","
             "\"occurred\":\"2026-03-01\"," PERSON_MOJ "}", SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT,
             "(at /person/securityCleared)", "kindNotApplicable"},
            {"schema version 2", spf_assess_breach_json,
             "{\"schemaVersion\":2," BASE_FIELDS "," PERSON_MOJ "}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "schema version 2 is not supported", "unsupportedSchemaVersion"},
            {"a JSON string, not a request", spf_assess_breach_json, "\"lossOfPass\"", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "invalid type", "invalidType"},
            {"downward override without approval", spf_site_status_json,
             SITE_REQ("severe", ",\"responseOverride\":{\"level\":\"normal\"}"), SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "to `normal` without a recorded approval",
             "overrideNotApproved"},
            {"site date after asOf", spf_site_status_json,
             "{\"asOf\":\"2026-11-23\",\"threatLevel\":\"low\",\"site\":{\"id\":\"X1\",\"name\":\"X\","
             "\"tier\":\"low\",\"tierAssessed\":\"2027-01-01\"}}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "the tier assessment date `2027-01-01` is after",
             "dateOutOfOrder"},
            {"unknown threat level", spf_response_level_json, "{\"threatLevel\":\"extreme\"}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "unknown value `extreme` for `threatLevel`", "unknownValue"},
            {"portfolio without sites", spf_portfolio_json,
             "{\"asOf\":\"2026-11-23\",\"threatLevel\":\"low\"}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "missing field `sites`", "missingField"},
            {"coordination with no business area", spf_coordinate_json,
             "{\"businessAreasAffected\":[],\"frontLineServicesSignificantlyAffected\":false}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "at least one affected business area is needed",
             NULL},
            {"coordination flag of the wrong type", spf_coordinate_json,
             "{\"businessAreasAffected\":[\"HMCTS\"],\"frontLineServicesSignificantlyAffected\":\"yes\"}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "expected a boolean", "invalidType"},
            {"trend report: to before from", spf_trend_report_json,
             "{\"from\":\"2026-06-30\",\"to\":\"2026-04-01\",\"records\":[]}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT,
             "the period ends on `2026-04-01`, before it starts on `2026-06-30` (at /to)",
             "dateOutOfOrder"},
            {"trend report without records", spf_trend_report_json,
             "{\"from\":\"2026-04-01\",\"to\":\"2026-06-30\"}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "missing field `records`", "missingField"},
            {"trend report: impossible date", spf_trend_report_json,
             "{\"from\":\"2026-02-30\",\"to\":\"2026-06-30\",\"records\":[]}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "(at /from)", "invalidDate"},
            {"trend report: unknown field", spf_trend_report_json,
             "{\"from\":\"2026-04-01\",\"to\":\"2026-06-30\",\"record\":[]}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "unknown field `record`", "unknownField"},
            {"trend report: schema version 2", spf_trend_report_json,
             "{\"schemaVersion\":2,\"from\":\"2026-04-01\",\"to\":\"2026-06-30\",\"records\":[]}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "schema version 2 is not supported",
             "unsupportedSchemaVersion"},
            /* A bad record is rejected, not the request. */
            {"trend report: record recorded before it occurred", spf_trend_report_json,
             "{\"from\":\"2026-04-01\",\"to\":\"2026-06-30\",\"records\":["
             "{\"id\":\"X\",\"occurred\":\"2026-05-02\",\"recorded\":\"2026-05-01\","
             "\"businessArea\":\"HMCTS\",\"kind\":\"lossOfPass\",\"level\":\"minor\"}]}",
             SIZE_MAX, 0, SPF_STATUS_OK,
             "\"rejected\":[{\"index\":0,\"error\":{\"code\":\"dateOutOfOrder\",\"message\":\"the breach "
             "is recorded on `2026-05-01`, before it occurred on `2026-05-02`\","
             "\"path\":\"/records/0/recorded\",\"errors\":[", NULL},
            {"compliance: element listed twice", spf_evaluate_compliance_json,
             "{\"businessArea\":\"HMPPS\",\"returnDate\":\"2026-03-31\",\"elements\":["
             "{\"element\":\"appeals\",\"status\":\"inPlace\"},"
             "{\"element\":\"appeals\",\"status\":\"partial\"}]}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT,
             "element `appeals` is listed more than once; report each element once "
             "(at /elements/1/element)",
             "duplicateEntry"},
            {"compliance: unknown status", spf_evaluate_compliance_json,
             "{\"businessArea\":\"HMPPS\",\"returnDate\":\"2026-03-31\",\"elements\":["
             "{\"element\":\"appeals\",\"status\":\"done\"}]}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "(at /elements/0/status)", "unknownValue"},
            {"compliance: unknown element", spf_evaluate_compliance_json,
             "{\"businessArea\":\"HMPPS\",\"returnDate\":\"2026-03-31\",\"elements\":["
             "{\"element\":\"appeal\",\"status\":\"inPlace\"}]}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "unknown value `appeal` for `element`; did you mean `appeals`?", "unknownValue"},
            {"compliance: variation without its variation", spf_evaluate_compliance_json,
             "{\"businessArea\":\"HMPPS\",\"returnDate\":\"2026-03-31\",\"elements\":["
             "{\"element\":\"appeals\",\"status\":\"variation\"}]}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "(at /elements/0/variation)", "missingField"},
            {"compliance: blank business area", spf_evaluate_compliance_json,
             "{\"businessArea\":\"  \",\"returnDate\":\"2026-03-31\",\"elements\":[]}", SIZE_MAX,
             0, SPF_STATUS_INVALID_INPUT, "(at /businessArea)", "invalidType"},
            {"compliance: impossible return date", spf_evaluate_compliance_json,
             "{\"businessArea\":\"HMPPS\",\"returnDate\":\"2026-02-29\",\"elements\":[]}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "(at /returnDate)", "invalidDate"},

            /* An array where an object belongs is never read by position, at any
             * depth: the request, a nested object, an item read on its own. */
            {"array for a breach report", spf_assess_breach_json,
             "[\"lossOfPass\",\"avoidableCarelessness\",\"2026-03-01\"]", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "invalid type: array, expected a breach report object",
             "invalidType"},
            {"array for the person", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"person\":[\"employee\",\"moj\"]}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT,
             "invalid type: array, expected a person object with `status` and `organisation` at "
             "line 1 column 86 (at /person)",
             "invalidType"},
            {"array for the marking", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"marking\":[\"secret\"]," PERSON_MOJ "}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "(at /marking)", "invalidType"},
            {"array for an earlier breach", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"earlierBreaches\":[[\"2026-01-01\",\"lossOfPass\"]]," PERSON_MOJ "}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "(at /earlierBreaches/0)", "invalidType"},
            {"array for the site", spf_site_status_json,
             "{\"asOf\":\"2026-11-23\",\"threatLevel\":\"low\",\"site\":[\"X1\",\"X\",\"low\"]}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT,
             "expected a site object at line 1 column 49 (at /site)", "invalidType"},
            {"array for a portfolio site", spf_portfolio_json,
             "{\"asOf\":\"2026-11-23\",\"threatLevel\":\"low\",\"sites\":[[\"X1\",\"X\",\"low\"]]}",
             SIZE_MAX, 0, SPF_STATUS_OK,
             "\"rejected\":[{\"index\":0,\"error\":{\"code\":\"invalidType\",\"message\":"
             "\"invalid type: array, expected a site object\",\"path\":\"/sites/0\",\"errors\":[", NULL},
            {"array for a register record", spf_trend_report_json,
             "{\"from\":\"2026-04-01\",\"to\":\"2026-06-30\",\"records\":[[\"I\",\"2026-05-01\"]]}",
             SIZE_MAX, 0, SPF_STATUS_OK,
             "\"rejected\":[{\"index\":0,\"error\":{\"code\":\"invalidType\",\"message\":"
             "\"invalid type: array, expected an incident record object\",\"path\":\"/records/0\",\"errors\":[",
             NULL},
            {"array for a compliance element", spf_evaluate_compliance_json,
             "{\"businessArea\":\"HMPPS\",\"returnDate\":\"2026-03-31\",\"elements\":["
             "[\"appeals\",\"inPlace\"]]}",
             SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT, "expected an element return object",
             "invalidType"},
            {"array for a response override", spf_response_level_json,
             "{\"threatLevel\":\"low\",\"responseOverride\":[\"heightened\"]}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "(at /responseOverride)", "invalidType"},

            /* A lone surrogate is no character: the same code and pointer in
             * every surface. (Its UTF-8 bytes would be invalid UTF-8.) */
            {"lone leading surrogate in free text", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"reference\":\"R-\\ud800\"," PERSON_MOJ "}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "lone surrogate", "invalidUnicode"},
            {"lone trailing surrogate in free text", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"reference\":\"\\udc00\"," PERSON_MOJ "}", SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "(at /reference)", "invalidUnicode"},
            {"a surrogate pair is one character", spf_assess_breach_json,
             "{" BASE_FIELDS ",\"reference\":\"\\ud834\\udd1e\"," PERSON_MOJ "}", SIZE_MAX, 0,
             SPF_STATUS_OK, "\"reference\":\"\xF0\x9D\x84\x9E\"", NULL},
        };
        TypedCase typed_cases[] = {
            {"typed: engine NULL", BREAK_NULL_ENGINE, 0, SPF_STATUS_NULL_ARGUMENT,
             "argument `engine` is NULL", "nullArgument"},
            {"typed: input NULL", BREAK_NULL_INPUT, 0, SPF_STATUS_NULL_ARGUMENT,
             "argument `input` is NULL", "nullArgument"},
            {"typed: result_out NULL", BREAK_NULL_RESULT, 0, SPF_STATUS_NULL_ARGUMENT,
             "argument `result_out` is NULL", "nullArgument"},
            {"typed: earlier_breaches NULL, len 2", BREAK_EARLIER_NULL, 0, SPF_STATUS_NULL_ARGUMENT,
             "argument `earlier_breaches` is NULL", "nullArgument"},
            {"typed: kind 999", BREAK_KIND, 999, SPF_STATUS_INVALID_INPUT,
             "999 is not a valid value for `kind` (0 to 22)", "unknownValue"},
            {"typed: kind 23", BREAK_KIND, 23, SPF_STATUS_INVALID_INPUT,
             "23 is not a valid value for `kind`", "unknownValue"},
            {"typed: kind UINT32_MAX", BREAK_KIND, UINT32_MAX, SPF_STATUS_INVALID_INPUT,
             "4294967295 is not a valid value for `kind`", "unknownValue"},
            {"typed: marking 9", BREAK_MARKING, 9, SPF_STATUS_INVALID_INPUT,
             "9 is not a valid value for `marking` (0 to 7)", "unknownValue"},
            {"typed: caveats 0x80", BREAK_CAVEATS, 0x80, SPF_STATUS_INVALID_INPUT,
             "caveat bits 0x80 are not SPF_CAVEAT_* bits", "invalidMarking"},
            {"typed: care 77", BREAK_CARE, 77, SPF_STATUS_INVALID_INPUT,
             "77 is not a valid value for `care` (0 to 3)", "unknownValue"},
            {"typed: damage 3", BREAK_DAMAGE, 3, SPF_STATUS_INVALID_INPUT,
             "3 is not a valid value for `damage` (0 to 2)", "unknownValue"},
            {"typed: person_status 9", BREAK_PERSON, 9, SPF_STATUS_INVALID_INPUT,
             "9 is not a valid value for `person_status` (0 to 8)", "unknownValue"},
            {"typed: organisation 3", BREAK_ORGANISATION, 3, SPF_STATUS_INVALID_INPUT,
             "3 is not a valid value for `organisation` (0 to 2)", "unknownValue"},
            {"typed: occurred 2026-02-30", BREAK_OCCURRED, 0, SPF_STATUS_INVALID_INPUT,
             "`occurred` 2026-02-30 is not a real calendar date", "invalidDate"},
            {"typed: occurred {0,0,0}", BREAK_OCCURRED_ZERO, 0, SPF_STATUS_INVALID_INPUT,
             "`occurred` 0000-00-00 is not a real calendar date", "invalidDate"},
            {"typed: STRAP on OFFICIAL", BREAK_STRAP_ON_OFFICIAL, 0, SPF_STATUS_INVALID_INPUT,
             "STRAP", "invalidMarking"},
            {"typed: SENSITIVE on SECRET", BREAK_SENSITIVE_ON_SECRET, 0, SPF_STATUS_INVALID_INPUT,
             "SENSITIVE", "invalidMarking"},
            {"typed: caveat without a marking", BREAK_CAVEAT_NO_MARKING, 0, SPF_STATUS_INVALID_INPUT,
             "caveats need a marking", "invalidMarking"},
            {"typed: earlier breach after occurred", BREAK_EARLIER_AFTER, 0, SPF_STATUS_INVALID_INPUT,
             "earlier breach dated `2026-02-01` is after the breach being assessed",
             "dateOutOfOrder"},
            {"typed: earlier breach kind 999", BREAK_EARLIER_KIND, 0, SPF_STATUS_INVALID_INPUT,
             "999 is not a valid value for `earlier_breaches[].kind`", "unknownValue"},
            {"typed: earlier breach 2025-13-01", BREAK_EARLIER_DATE, 0, SPF_STATUS_INVALID_INPUT,
             "`earlier_breaches[].date` 2025-13-01 is not a real calendar date", "invalidDate"},
            {"typed: change of circumstances, not cleared", BREAK_NOT_CLEARED, 0,
             SPF_STATUS_INVALID_INPUT, "applies only to security-cleared personnel",
             "kindNotApplicable"},
            {"typed: personal_data 2", BREAK_PERSONAL_DATA, 2, SPF_STATUS_INVALID_INPUT,
             "2 is not a valid value for `personal_data` (0 to 1)", "unknownValue"},
            {"typed: impact 4", BREAK_IMPACT, 4, SPF_STATUS_INVALID_INPUT,
             "4 is not a valid value for `impact` (0 to 3)", "unknownValue"},
            {"typed: asset without its owner", BREAK_ASSET_OWNER_NULL, 0, SPF_STATUS_NULL_ARGUMENT,
             "argument `information_asset_owner` is NULL", "nullArgument"},
            {"typed: asset name not UTF-8", BREAK_ASSET_UTF8, 0, SPF_STATUS_INVALID_UTF8,
             "argument `information_asset_name` is not valid UTF-8 (byte 5)", "invalidUtf8"},
            {"typed: asset owner blank", BREAK_ASSET_BLANK, 0, SPF_STATUS_INVALID_INPUT,
             "an Information Asset Owner must not be blank", "invalidType"},
        };
        OtherCase other_cases[] = {
            {"new_default: engine_out NULL", OTHER_NEW_DEFAULT_NULL_OUT, NULL, 0, 0,
             SPF_STATUS_NULL_ARGUMENT, "argument `engine_out` is NULL", "nullArgument"},
            {"new_from_json: policy NULL", OTHER_FROM_JSON_NULL_POLICY, NULL, 0, 0,
             SPF_STATUS_NULL_ARGUMENT, "argument `policy` is NULL", "nullArgument"},
            {"new_from_json: engine_out NULL", OTHER_FROM_JSON_NULL_OUT, policy, policy_len, 0,
             SPF_STATUS_NULL_ARGUMENT, "argument `engine_out` is NULL", "nullArgument"},
            {"new_from_json: empty", OTHER_FROM_JSON, "", 0, 0, SPF_STATUS_INVALID_JSON,
             "the input is empty", "emptyInput"},
            {"new_from_json: invalid UTF-8", OTHER_FROM_JSON, invalid_utf8_policy, SIZE_MAX, 0,
             SPF_STATUS_INVALID_UTF8, "argument `policy` is not valid UTF-8", NULL},
            {"new_from_json: truncated", OTHER_FROM_JSON, policy, policy_len / 2, 0,
             SPF_STATUS_INVALID_JSON, "EOF", "malformedJson"},
            {"new_from_json: 100,000 deep", OTHER_FROM_JSON, deep_array, SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "invalid type: array, expected a policy document object",
             "invalidType"},
            {"new_from_json: array for a section", OTHER_FROM_JSON,
             "{\"schemaVersion\":1,\"breach\":[\"x\"]}", SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT,
             "expected a breach rules object at line 1 column 29 (at /breach)", "invalidType"},
            {"new_from_json: lone surrogate", OTHER_FROM_JSON,
             "{\"schemaVersion\":1,\"id\":\"\\ud800\"}", SIZE_MAX, 0, SPF_STATUS_INVALID_INPUT,
             "(at /id)", "invalidUnicode"},
            {"new_from_json: unknown field", OTHER_FROM_JSON, unknown_policy_field, SIZE_MAX, 0,
             SPF_STATUS_INVALID_INPUT, "unknown field `colour`", "unknownField"},
            {"new_from_json: bands not covering 1-12", OTHER_FROM_JSON, bands, SIZE_MAX, 0,
             SPF_STATUS_POLICY_INVALID, "(at /breach/bands)", "policyBandsInvalid"},
            {"new_from_json: control matrix not monotone", OTHER_FROM_JSON, monotone, SIZE_MAX, 0,
             SPF_STATUS_POLICY_INVALID, "patrols", "policyNotMonotone"},
            {"export: engine NULL", OTHER_EXPORT_NULL_ENGINE, NULL, 0, 0, SPF_STATUS_NULL_ARGUMENT,
             "argument `engine` is NULL", "nullArgument"},
            {"export: document_out NULL", OTHER_EXPORT_NULL_OUT, NULL, 0, 0,
             SPF_STATUS_NULL_ARGUMENT, "argument `document_out` is NULL", "nullArgument"},
            {"response level: threat 5", OTHER_RESPONSE, NULL, 0, 5, SPF_STATUS_INVALID_INPUT,
             "5 is not a valid value for `threat_level` (0 to 4)", "unknownValue"},
            {"response level: engine NULL", OTHER_RESPONSE_NULL_ENGINE, NULL, 0, 0,
             SPF_STATUS_NULL_ARGUMENT, "argument `engine` is NULL", "nullArgument"},
            {"response level: response_out NULL", OTHER_RESPONSE_NULL_OUT, NULL, 0, 0,
             SPF_STATUS_NULL_ARGUMENT, "argument `response_out` is NULL", "nullArgument"},
            {"ct plan: tier 3", OTHER_SCHEDULE_TIER, NULL, 0, 3, SPF_STATUS_INVALID_INPUT,
             "3 is not a valid value for `tier` (0 to 2)", "unknownValue"},
            {"ct plan: as_of 2026-02-30", OTHER_SCHEDULE_AS_OF_BAD, NULL, 0, 0,
             SPF_STATUS_INVALID_INPUT, "`as_of` 2026-02-30 is not a real calendar date",
             "invalidDate"},
            {"ct plan: last_tested 2025-04-31", OTHER_SCHEDULE_LAST_BAD, NULL, 0, 0,
             SPF_STATUS_INVALID_INPUT, "`last_tested` 2025-04-31 is not a real calendar date",
             "invalidDate"},
            /* NULL means never tested; {0,0,0} is not a date here. */
            {"ct plan: last_tested {0,0,0}", OTHER_SCHEDULE_LAST_ZERO, NULL, 0, 0,
             SPF_STATUS_INVALID_INPUT, "`last_tested` 0000-00-00 is not a real calendar date",
             "invalidDate"},
            {"ct plan: last_tested after as_of", OTHER_SCHEDULE_LAST_AFTER, NULL, 0, 0,
             SPF_STATUS_INVALID_INPUT, "is after the assessment date", "dateOutOfOrder"},
            {"ct plan: due after 9999-12-31", OTHER_SCHEDULE_DUE_AFTER_9999, NULL, 0, 0,
             SPF_STATUS_INVALID_INPUT, "would fall due after 9999-12-31", "invalidDate"},
            {"ct plan: engine NULL", OTHER_SCHEDULE_NULL_ENGINE, NULL, 0, 0,
             SPF_STATUS_NULL_ARGUMENT, "argument `engine` is NULL", "nullArgument"},
            {"ct plan: result_out NULL", OTHER_SCHEDULE_NULL_OUT, NULL, 0, 0,
             SPF_STATUS_NULL_ARGUMENT, "argument `result_out` is NULL", "nullArgument"},
            /* Reading the error never replaces it: the pending error is still the
             * one the failed spf_response_level call recorded. */
            {"last_error_json: document_out NULL", OTHER_LAST_ERROR_JSON_NULL_OUT, NULL, 0, 0,
             SPF_STATUS_NULL_ARGUMENT, "99 is not a valid value for `threat_level`", "unknownValue"},
        };

        before = g_cases;
        for (i = 0; i < COUNT_OF(json_cases); i++) {
            run_json_case(engine, &json_cases[i]);
        }
        for (i = 0; i < COUNT_OF(typed_cases); i++) {
            run_typed_case(engine, &typed_cases[i]);
        }
        for (i = 0; i < COUNT_OF(other_cases); i++) {
            run_other_case(engine, &other_cases[i]);
        }
        printf("   %u bad-input cases (%u JSON, %u typed breach, %u other calls)\n", g_cases - before,
               (unsigned)COUNT_OF(json_cases), (unsigned)COUNT_OF(typed_cases),
               (unsigned)COUNT_OF(other_cases));
        CHECK(g_cases - before >= 30);
    }

    free(huge_reference);
    free(huge_garbage);
    free(deep_array);
    free(deep_field);
    free(deep_sites);
    free(deep_records);
    free(bands);
    free(monotone);
    free(unknown_policy_field);
    spf_string_free(policy);
}

/* ------------------------------------------------------------------------- */
/* Caller text in error messages                                               */

/* The last error's message as its JSON document gives it, malloc'd. */
static char *last_error_json_message(void)
{
    char *document = NULL, *start, *end, *out = NULL;
    if (spf_last_error_json(&document) != SPF_STATUS_OK) {
        return NULL;
    }
    start = strstr(document, "\"message\":\"");
    end = strstr(document, "\",\"path\":\"");
    if (start != NULL && end != NULL && end > start) {
        size_t len;
        start += strlen("\"message\":\"");
        len = (size_t)(end - start);
        out = xmalloc(len + 1);
        memcpy(out, start, len);
        out[len] = '\0';
    }
    spf_string_free(document);
    return out;
}

/* Messages quote at most about 200 characters of the caller's text, and show a
 * NUL in it as `\u0000`: C reads a message up to its first NUL byte, so a raw
 * one would cut it short. */
static void test_caller_text_in_messages(const SpfEngine *engine)
{
    /* An unknown field whose name holds a NUL (written \u0000 in the JSON). */
    static const char nul_field[] = "{\"kind\":\"lossOfPass\",\"a\\u0000b\":1}";
    static const char nul_kind[] = "{\"kind\":\"loss\\u0000OfPass\"}";
    char *answer = SENTINEL_STRING, *text, *message, *request;
    size_t len;

    section("caller text in error messages");
    CHECK(spf_assess_breach_json(engine, nul_field, strlen(nul_field), &answer) ==
          SPF_STATUS_INVALID_INPUT);
    CHECK(answer == SENTINEL_STRING);
    /* last_error_text checks that strlen() of the copy is the length reported:
     * no NUL byte inside. The path's NUL is shown the same way in the text. */
    text = last_error_text();
    CHECKF(contains(text, "unknownField: unknown field `a\\u0000b`; expected one of `"), "%s",
           text ? text : "(none)");
    len = text ? strlen(text) : 0;
    /* The request has other problems too (it is only a field): they are counted. */
    CHECKF(len > 14 && ends_with(text, "(at /a\\u0000b) (and 3 more)"), "%s",
           text ? text : "(none)");
    free(text);
    /* The JSON document: the message's backslash is escaped, the path's NUL is a
     * JSON \u0000 escape, so the path is still the exact pointer. */
    {
        char *document = NULL;
        CHECK(spf_last_error_json(&document) == SPF_STATUS_OK);
        CHECKF(contains(document, "\"message\":\"unknown field `a\\\\u0000b`; expected one of"),
               "%s", document);
        CHECKF(contains(document, "\"path\":\"/a\\u0000b\""), "%s", document);
        spf_string_free(document);
    }
    /* An unknown value with a NUL, the same. */
    CHECK(spf_assess_breach_json(engine, nul_kind, strlen(nul_kind), &answer) ==
          SPF_STATUS_INVALID_INPUT);
    text = last_error_text();
    CHECKF(contains(text, "unknown value `loss\\u0000OfPass` for `kind`; did you mean `lossOfPass`?"), "%s",
           text ? text : "(none)");
    CHECKF(contains(text, "(at /kind)"), "%s", text ? text : "(none)");
    free(text);

    /* A field name of 10,000 characters: the message quotes 200 and an
     * ellipsis. (The path is the exact pointer, so it holds the whole name.) */
    request = repeat("{\"kind\":\"lossOfPass\",\"", "x", 10000, "\":1}");
    CHECK(spf_assess_breach_json(engine, request, strlen(request), &answer) ==
          SPF_STATUS_INVALID_INPUT);
    free(request);
    message = last_error_json_message();
    CHECKF(message != NULL && strlen(message) < 1000, "%lu bytes",
           (unsigned long)(message ? strlen(message) : 0));
    CHECKF(contains(message, "unknown field `xxxxxxxxxx"), "%.300s", message ? message : "(none)");
    CHECKF(contains(message, "xxxxxxxxxx\xE2\x80\xA6`; expected one of `"), "%.300s",
           message ? message : "(none)");
    free(message);

    /* A kind of 10,000 characters, 3 bytes each: cut on a character boundary. */
    request = repeat("{\"kind\":\"", "\xE2\x98\x83", 10000, "\"}");
    CHECK(spf_assess_breach_json(engine, request, strlen(request), &answer) ==
          SPF_STATUS_INVALID_INPUT);
    free(request);
    text = last_error_text();
    CHECKF(text != NULL && strlen(text) < 1500, "%lu bytes", (unsigned long)(text ? strlen(text) : 0));
    CHECKF(contains(text, "\xE2\x98\x83\xE2\x80\xA6` for `kind`; expected one of `"), "%.300s",
           text ? text : "(none)");
    CHECKF(contains(text, "(at /kind)"), "%s", text ? text : "(none)");
    free(text);
    CHECK(answer == SENTINEL_STRING);
}

/* ------------------------------------------------------------------------- */
/* Threads: one engine, eight threads                                           */

#define THREADS 8
#define INPUTS 64

typedef struct {
    SpfBreachInput input;
    SpfEarlierBreach earlier[2];
    char *request;
    size_t request_len;
    SpfBreachResult expected;
    char *expected_json;
    size_t expected_json_len;
} Sample;

typedef struct {
    const SpfEngine *engine;
    Sample *samples;
    unsigned id;
    unsigned long iterations;
    unsigned long typed_calls, json_calls, error_calls, mismatches;
} Worker;

static void make_sample(Sample *s, unsigned k)
{
    static const uint32_t markings[] = {SPF_MARKING_NONE, SPF_MARKING_OFFICIAL, SPF_MARKING_SECRET,
                                        SPF_MARKING_TOP_SECRET, SPF_MARKING_UNCLASSIFIED,
                                        SPF_MARKING_PROTECT, SPF_MARKING_RESTRICTED,
                                        SPF_MARKING_CONFIDENTIAL, SPF_MARKING_OFFICIAL};
    char reference[32];
    SpfBreachInput *in = &s->input;
    *in = base_input();
    in->kind = k % 23;
    in->care = (k / 3 + k) % 4;
    in->marking = markings[k % COUNT_OF(markings)];
    if (in->kind == SPF_BREACH_KIND_SECRET_MATERIAL_COMPROMISED_THROUGH_NEGLIGENCE) {
        in->marking = SPF_MARKING_SECRET;
    }
    if (in->marking == SPF_MARKING_OFFICIAL && k % 2 == 0) {
        in->caveats = SPF_CAVEAT_SENSITIVE;
    } else if ((in->marking == SPF_MARKING_SECRET || in->marking == SPF_MARKING_TOP_SECRET) &&
               k % 3 == 0) {
        in->caveats = SPF_CAVEAT_STRAP;
    }
    in->damage = k % 3;
    in->previous_warnings = k % 5 == 0 ? 1 : 0;
    in->occurred = ymd(2026, 1 + k % 12, 1 + k % 28);
    in->person_status = k % 9;
    in->organisation = (k / 9) % 3;
    in->security_cleared = true;
    if (k % 4 == 0) {
        s->earlier[0].date = ymd(2025, 1 + k % 12, 1 + k % 27);
        s->earlier[0].kind = in->kind;
        s->earlier[1].date = ymd(2024, 6, 15);
        s->earlier[1].kind = (k + 5) % 23;
        in->earlier_breaches = s->earlier;
        in->earlier_breaches_len = 1 + (k % 8 == 0);
    }
    in->personal_data = k % 5 == 1;
    in->impact = k % 4;
    if (k % 7 == 2) {
        in->information_asset_name = "Case files";
        in->information_asset_name_len = strlen("Case files");
        in->information_asset_owner = "Head of Unit";
        in->information_asset_owner_len = strlen("Head of Unit");
    }
    snprintf(reference, sizeof reference, "HR-T-%04u", k);
    s->request = request_for(in, reference);
    s->request_len = strlen(s->request);
}

/* Checks one sample's typed and JSON answers agree on level, score, band, route. */
static void check_sample_agrees(const Sample *s, unsigned k)
{
    char want[160];
    const SpfBreachResult *r = &s->expected;
    snprintf(want, sizeof want, "\"level\":\"%s\",\"score\":%u,\"band\":\"%s\"",
             spf_level_name(r->level), (unsigned)r->score, spf_band_name(r->band));
    CHECKF(contains(s->expected_json, want), "sample %u: JSON lacks %s", k, want);
    snprintf(want, sizeof want, "\"route\":\"%s\"", spf_route_name(r->route));
    CHECKF(contains(s->expected_json, want), "sample %u: JSON lacks %s", k, want);
    CHECKF(contains(s->expected_json, (r->flags & SPF_FLAG_REPORT_TO_STRAPSO)
                                          ? "\"reportToStrapso\":true"
                                          : "\"reportToStrapso\":false"),
           "sample %u: STRAPSO flag differs", k);
    CHECKF(r->flags & SPF_FLAG_CONSULT_SECURITY, "sample %u: Security not consulted", k);
    CHECKF(contains(s->expected_json, (r->flags & SPF_FLAG_INFORM_INFORMATION_ASSET_OWNER)
                                          ? "\"informInformationAssetOwner\":true"
                                          : "\"informInformationAssetOwner\":false"),
           "sample %u: asset owner flag differs", k);
    CHECKF(contains(s->expected_json, (r->flags & SPF_FLAG_INFORM_DATA_PROTECTION_TEAM)
                                          ? "\"informDataProtectionTeam\":true"
                                          : "\"informDataProtectionTeam\":false"),
           "sample %u: data protection flag differs", k);
    CHECKF(contains(s->expected_json, (r->flags & SPF_FLAG_ESCALATE_TO_SIRO)
                                          ? "\"escalateToSiro\":true"
                                          : "\"escalateToSiro\":false"),
           "sample %u: SIRO flag differs", k);
    CHECKF(contains(s->expected_json, (r->flags & SPF_FLAG_CONSULT_SECURITY_BEFORE_ACTING)
                                          ? "\"consultSecurity\":\"beforeActing\""
                                          : "\"consultSecurity\":\"aboutCircumstances\""),
           "sample %u: consult flag differs", k);
}

static void *worker_main(void *arg)
{
    Worker *w = arg;
    unsigned long i;
    SpfBreachResult r;
    char message[256];
    char want[96];
    for (i = 0; i < w->iterations; i++) {
        const Sample *s = &w->samples[(i * 7 + w->id * 13) % INPUTS];
        if (i % 8 == 3) {
            /* One call in eight goes through JSON; compare the bytes. */
            char *answer = NULL;
            SpfStatus status = spf_assess_breach_json(w->engine, s->request, s->request_len, &answer);
            w->json_calls++;
            if (status != SPF_STATUS_OK || answer == NULL ||
                strcmp(answer, s->expected_json) != 0) {
                w->mismatches++;
            }
            spf_string_free(answer);
        } else if (i % 1000 == 500) {
            /* A thread's own error stays its own. */
            SpfBreachInput bad = s->input;
            size_t written = 0;
            bad.kind = 1000 + w->id;
            w->error_calls++;
            if (spf_assess_breach(w->engine, &bad, &r) != SPF_STATUS_INVALID_INPUT ||
                spf_last_error_message(message, sizeof message, &written) != SPF_STATUS_OK) {
                w->mismatches++;
                continue;
            }
            snprintf(want, sizeof want, "%u is not a valid value for `kind`", 1000 + w->id);
            if (strstr(message, want) == NULL) {
                w->mismatches++;
            }
        } else {
            memset(&r, 0, sizeof r);
            w->typed_calls++;
            if (spf_assess_breach(w->engine, &s->input, &r) != SPF_STATUS_OK ||
                !same_result(&r, &s->expected)) {
                w->mismatches++;
            }
        }
    }
    return NULL;
}

static void test_threads(const SpfEngine *engine, unsigned long per_thread)
{
    Sample *samples = xmalloc(sizeof(Sample) * INPUTS);
    Worker workers[THREADS];
    pthread_t threads[THREADS];
    unsigned k, t;
    unsigned long typed = 0, json = 0, errors = 0, mismatches = 0;
    int started[THREADS];

    unsigned long failed_before = g_failed;
    section("threads: one shared engine");
    /* Single-threaded reference answers. */
    for (k = 0; k < INPUTS; k++) {
        Sample *s = &samples[k];
        SpfStatus status;
        make_sample(s, k);
        memset(&s->expected, 0, sizeof s->expected);
        status = spf_assess_breach(engine, &s->input, &s->expected);
        CHECKF(status == SPF_STATUS_OK, "sample %u typed: %s", k, spf_status_name(status));
        s->expected_json = NULL;
        status = spf_assess_breach_json(engine, s->request, s->request_len, &s->expected_json);
        CHECKF(status == SPF_STATUS_OK, "sample %u JSON: %s (%s)", k, spf_status_name(status),
               s->request);
        if (status != SPF_STATUS_OK) {
            char *text = last_error_text();
            fprintf(stderr, "  %s\n", text ? text : "");
            free(text);
            s->expected_json = NULL;
        }
        s->expected_json_len = s->expected_json ? strlen(s->expected_json) : 0;
        if (s->expected_json != NULL) {
            check_sample_agrees(s, k);
        }
    }
    if (g_failed == failed_before) {
        for (t = 0; t < THREADS; t++) {
            memset(&workers[t], 0, sizeof workers[t]);
            workers[t].engine = engine;
            workers[t].samples = samples;
            workers[t].id = t;
            workers[t].iterations = per_thread;
            started[t] = pthread_create(&threads[t], NULL, worker_main, &workers[t]) == 0;
            CHECKF(started[t], "pthread_create %u", t);
        }
        for (t = 0; t < THREADS; t++) {
            if (started[t]) {
                CHECK(pthread_join(threads[t], NULL) == 0);
            }
            typed += workers[t].typed_calls;
            json += workers[t].json_calls;
            errors += workers[t].error_calls;
            mismatches += workers[t].mismatches;
        }
        CHECKF(mismatches == 0, "%lu results differ from the single-threaded ones", mismatches);
        CHECK(typed + json + errors == per_thread * THREADS);
        printf("   %d threads x %lu assessments (%lu typed, %lu JSON, %lu per-thread errors): "
               "%lu mismatches\n",
               THREADS, per_thread, typed, json, errors, mismatches);
    }
    for (k = 0; k < INPUTS; k++) {
        free(samples[k].request);
        spf_string_free(samples[k].expected_json);
    }
    free(samples);
}

/* ------------------------------------------------------------------------- */
/* Leak loop                                                                    */

static const char LEAK_TREND[] =
    "{\"from\":\"2026-04-01\",\"to\":\"2026-06-30\",\"records\":["
    TREND_RECORD("L-1", "2026-04-02", "lossOfPass") "," TREND_RECORD("L-2", "2026-05-02", "bogus") "]}";
static const char LEAK_RETURN[] =
    "{\"businessArea\":\"HMPPS\",\"returnDate\":\"2026-03-31\",\"elements\":["
    "{\"element\":\"appeals\",\"status\":\"variation\",\"variation\":{\"description\":\"x\"}}]}";

static void test_leak_loop(unsigned long iterations)
{
    unsigned long i, failures = 0;
    SpfBreachInput in = base_input();
    char *policy = NULL;
    SpfEngine *probe = NULL;

    section("create / evaluate / free loop");
    CHECK(spf_engine_new_default(&probe) == SPF_STATUS_OK);
    CHECK(spf_policy_export_json(probe, &policy) == SPF_STATUS_OK);
    spf_engine_free(probe);
    for (i = 0; i < iterations; i++) {
        SpfEngine *engine = NULL;
        SpfBreachResult r;
        char *answer = NULL;
        SpfStatus status;
        /* Every thousandth engine comes from a policy document. */
        if (i % 1000 == 999 && policy != NULL) {
            status = spf_engine_new_from_json(policy, strlen(policy), &engine);
        } else {
            status = spf_engine_new_default(&engine);
        }
        if (status != SPF_STATUS_OK) {
            failures++;
            continue;
        }
        in.care = (uint32_t)(i % 4);
        if (spf_assess_breach(engine, &in, &r) != SPF_STATUS_OK) {
            failures++;
        }
        if (spf_assess_breach_json(engine, LOSS_OF_PASS, sizeof LOSS_OF_PASS - 1, &answer) !=
            SPF_STATUS_OK) {
            failures++;
        }
        spf_string_free(answer);
        /* Every tenth engine also reports trends (with a rejected record) and
         * evaluates a compliance return. */
        if (i % 10 == 0) {
            if (spf_trend_report_json(engine, LEAK_TREND, sizeof LEAK_TREND - 1, &answer) !=
                SPF_STATUS_OK) {
                failures++;
            }
            spf_string_free(answer);
            answer = NULL;
            if (spf_evaluate_compliance_json(engine, LEAK_RETURN, sizeof LEAK_RETURN - 1, &answer) !=
                SPF_STATUS_OK) {
                failures++;
            }
            spf_string_free(answer);
            answer = NULL;
        }
        /* A failure too, so error state is created and replaced every time. */
        if (spf_assess_breach_json(engine, "{", 1, &answer) != SPF_STATUS_INVALID_JSON) {
            failures++;
        }
        spf_engine_free(engine);
    }
    spf_string_free(policy);
    CHECKF(failures == 0, "%lu failures in %lu iterations", failures, iterations);
    printf("   %lu iterations\n", iterations);
}

/* ------------------------------------------------------------------------- */
/* Golden corpus                                                                */

/* The named C entry point of each operation. The library lists its operations
 * (spf_operation_count/spf_operation_name, from the one table in spf-core); an
 * operation missing here fails the corpus test by name. */
static const struct {
    const char *name;
    JsonFn fn;
} NAMED_OPERATIONS[] = {
    {"assessBreach", spf_assess_breach_json},
    {"assessBreaches", spf_assess_breaches_json},
    {"siteStatus", spf_site_status_json},
    {"siteStatusById", spf_site_status_by_id_json},
    {"portfolio", spf_portfolio_json},
    {"responseLevel", spf_response_level_json},
    {"coordinate", spf_coordinate_json},
    {"threatChange", spf_threat_change_json},
    {"trendReport", spf_trend_report_json},
    {"evaluateCompliance", spf_evaluate_compliance_json},
    {"assurancePack", spf_assurance_pack_json},
    {"checkCase", spf_check_case_json},
    {"clearanceNeed", spf_clearance_need_json},
    {"thirdParties", spf_third_parties_json},
    {"policyDiff", spf_policy_diff_json},
    {"policyImpact", spf_policy_impact_json},
    {"policyGuidance", spf_policy_guidance_json},
};

static JsonFn operation_fn(const char *operation)
{
    size_t i;
    for (i = 0; i < COUNT_OF(NAMED_OPERATIONS); i++) {
        if (strcmp(operation, NAMED_OPERATIONS[i].name) == 0) return NAMED_OPERATIONS[i].fn;
    }
    return NULL;
}

/* Whether a file name ends with `suffix`. */
static int ends_with(const char *name, const char *suffix)
{
    size_t n = strlen(name), m = strlen(suffix);
    return n >= m && strcmp(name + n - m, suffix) == 0;
}

/* Runs one case through the named entry point and spf_operation_json, with the
 * default engine and with one loaded from its exported policy; returns whether
 * the default engine's answer was byte-identical. */
static int run_corpus_case(const SpfEngine *engine, const SpfEngine *reloaded,
                           const char *operation, JsonFn fn, const char *dir, const char *name)
{
    char path[4096];
    char *request, *stored;
    size_t request_len, stored_len;
    int e, identical = 0;

    snprintf(path, sizeof path, "%s/%s/%s.request.json", dir, operation, name);
    request = read_file(path, &request_len);
    snprintf(path, sizeof path, "%s/%s/%s.answer.json", dir, operation, name);
    stored = read_file(path, &stored_len);
    CHECKF(request != NULL && stored != NULL, "%s/%s: missing files", operation, name);
    for (e = 0; request != NULL && stored != NULL && e < 3; e++) {
        char *answer = SENTINEL_STRING;
        SpfStatus status;
        int same;
        if (e < 2) {
            status = fn(e == 0 ? engine : reloaded, request, request_len, &answer);
        } else {
            status = spf_operation_json(engine, operation, strlen(operation), request,
                                        request_len, &answer);
        }
        CHECKF(status == SPF_STATUS_OK, "%s (%s): %s", name, operation, spf_status_name(status));
        if (status != SPF_STATUS_OK) {
            continue;
        }
        same = strlen(answer) == stored_len && memcmp(answer, stored, stored_len) == 0;
        CHECKF(same, "%s (%s%s): answer differs from %s/%s/%s.answer.json (%lu vs %lu bytes)",
               name, operation,
               e == 1 ? ", reloaded policy" : (e == 2 ? ", spf_operation_json" : ""), dir,
               operation, name, (unsigned long)strlen(answer), (unsigned long)stored_len);
        if (e == 0 && same) {
            identical = 1;
        }
        spf_string_free(answer);
    }
    free(request);
    free(stored);
    return identical;
}

static void test_corpus(const SpfEngine *engine, const char *dir)
{
    char path[4096];
    unsigned cases = 0, identical = 0;
    size_t i, count = spf_operation_count();
    SpfEngine *reloaded = NULL;
    char *policy = NULL;

    section("golden corpus (one folder per operation of the library's table)");
    /* The same corpus through an engine loaded from the exported policy. */
    CHECK(spf_policy_export_json(engine, &policy) == SPF_STATUS_OK);
    CHECK(spf_engine_new_from_json(policy, strlen(policy), &reloaded) == SPF_STATUS_OK);
    spf_string_free(policy);

    CHECKF(count == COUNT_OF(NAMED_OPERATIONS),
           "the library has %lu operations, this test names %lu", (unsigned long)count,
           (unsigned long)COUNT_OF(NAMED_OPERATIONS));
    CHECK(spf_operation_name(count) == NULL);
    for (i = 0; i < count; i++) {
        const char *operation = spf_operation_name(i);
        unsigned before = cases;
        JsonFn fn;
        DIR *folder;
        struct dirent *entry;
        if (operation == NULL) {
            CHECKF(0, "operation %lu has no name", (unsigned long)i);
            continue;
        }
        fn = operation_fn(operation);
        CHECKF(fn != NULL, "operation `%s` has no named entry point in NAMED_OPERATIONS", operation);
        if (fn == NULL) {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir, operation);
        folder = opendir(path);
        CHECKF(folder != NULL, "no corpus folder %s", path);
        if (folder == NULL) {
            continue;
        }
        while ((entry = readdir(folder)) != NULL) {
            char name[512];
            size_t len;
            if (!ends_with(entry->d_name, ".request.json")) {
                continue;
            }
            len = strlen(entry->d_name) - strlen(".request.json");
            if (len >= sizeof name) {
                CHECKF(0, "case name too long: %s", entry->d_name);
                continue;
            }
            memcpy(name, entry->d_name, len);
            name[len] = '\0';
            cases++;
            identical += (unsigned)run_corpus_case(engine, reloaded, operation, fn, dir, name);
        }
        closedir(folder);
        CHECKF(cases > before, "no corpus case for `%s`", operation);
    }
    spf_engine_free(reloaded);
    CHECKF(cases >= 16, "only %u corpus cases", cases);
    printf("   %u corpus cases, %u byte-identical\n", cases, identical);
}

/* Every enum of the typed API names its values, both ways. */
static void test_enum_names(void)
{
    uint32_t value = 99;
    section("enum wire names");
    CHECK(strcmp(spf_breach_kind_name(SPF_BREACH_KIND_LOSS_OF_PASS), "lossOfPass") == 0);
    CHECK(strcmp(spf_breach_kind_name(SPF_BREACH_KIND_OTHER), "other") == 0);
    CHECK(spf_breach_kind_name(SPF_BREACH_KIND_OTHER + 1) == NULL);
    CHECK(strcmp(spf_marking_name(SPF_MARKING_NONE), "none") == 0);
    CHECK(strcmp(spf_marking_name(SPF_MARKING_CONFIDENTIAL), "confidential") == 0);
    CHECK(strcmp(spf_level_name(SPF_LEVEL_GROSS), "gross") == 0);
    CHECK(strcmp(spf_threat_level_name(SPF_THREAT_LEVEL_SEVERE), "severe") == 0);
    CHECK(strcmp(spf_schedule_status_name(SPF_SCHEDULE_STATUS_DUE_SOON), "dueSoon") == 0);
    CHECK(spf_band_name(UINT32_MAX) == NULL);
    CHECK(spf_breach_kind_from_name("clearDeskFailure", 16, &value) == SPF_STATUS_OK);
    CHECK(value == SPF_BREACH_KIND_CLEAR_DESK_FAILURE);
    CHECK(spf_route_from_name("probationPolicy", 15, &value) == SPF_STATUS_OK);
    CHECK(value == SPF_ROUTE_PROBATION_POLICY);
    value = 99;
    CHECK(spf_breach_kind_from_name("lossOfPas", 9, &value) == SPF_STATUS_INVALID_INPUT);
    CHECK(value == 99);
    CHECK(spf_care_from_name(NULL, 3, &value) == SPF_STATUS_NULL_ARGUMENT);
    CHECK(spf_care_from_name("deliberate", 10, NULL) == SPF_STATUS_NULL_ARGUMENT);
    CHECK(spf_damage_from_name("\xff", 1, &value) == SPF_STATUS_INVALID_UTF8);
    {
        /* Every enum's values round-trip through their names. */
        typedef const char *(*NameFn)(uint32_t);
        typedef SpfStatus (*ValueFn)(const char *, size_t, uint32_t *);
        static const struct {
            const char *what;
            NameFn name;
            ValueFn value;
            uint32_t count;
        } ENUMS[] = {
            {"breach kind", spf_breach_kind_name, spf_breach_kind_from_name, SPF_BREACH_KIND_OTHER + 1},
            {"marking", spf_marking_name, spf_marking_from_name, SPF_MARKING_CONFIDENTIAL + 1},
            {"care", spf_care_name, spf_care_from_name, SPF_CARE_DELIBERATE + 1},
            {"damage", spf_damage_name, spf_damage_from_name, SPF_DAMAGE_ACTUAL + 1},
            {"impact", spf_impact_name, spf_impact_from_name, SPF_IMPACT_HIGH + 1},
            {"person status", spf_person_status_name, spf_person_status_from_name,
             SPF_PERSON_STATUS_OTHER + 1},
            {"organisation", spf_organisation_name, spf_organisation_from_name,
             SPF_ORGANISATION_OTHER_AGENCY + 1},
            {"level", spf_level_name, spf_level_from_name, SPF_LEVEL_GROSS + 1},
            {"band", spf_band_name, spf_band_from_name, SPF_BAND_BLACK + 1},
            {"route", spf_route_name, spf_route_from_name, SPF_ROUTE_RESPONSIBLE_BODY_REFERRAL + 1},
            {"threat level", spf_threat_level_name, spf_threat_level_from_name,
             SPF_THREAT_LEVEL_CRITICAL + 1},
            {"response level", spf_response_level_name, spf_response_level_from_name,
             SPF_RESPONSE_LEVEL_EXCEPTIONAL + 1},
            {"site tier", spf_site_tier_name, spf_site_tier_from_name, SPF_SITE_TIER_HIGH + 1},
            {"schedule status", spf_schedule_status_name, spf_schedule_status_from_name,
             SPF_SCHEDULE_STATUS_NEVER_DONE + 1},
        };
        size_t e;
        for (e = 0; e < COUNT_OF(ENUMS); e++) {
            uint32_t v;
            for (v = 0; v < ENUMS[e].count; v++) {
                const char *name = ENUMS[e].name(v);
                CHECKF(name != NULL, "%s %u has no name", ENUMS[e].what, (unsigned)v);
                if (name == NULL) {
                    continue;
                }
                value = 99;
                CHECK(ENUMS[e].value(name, strlen(name), &value) == SPF_STATUS_OK);
                CHECKF(value == v, "%s %u round-trips to %u", ENUMS[e].what, (unsigned)v,
                       (unsigned)value);
            }
            CHECKF(ENUMS[e].name(ENUMS[e].count) == NULL, "%s has a value past its last",
                   ENUMS[e].what);
            CHECK(ENUMS[e].value("", 0, &value) == SPF_STATUS_INVALID_INPUT);
        }
    }
    {
        /* Every value round-trips through its name. */
        uint32_t v;
        for (v = 0; spf_breach_kind_name(v) != NULL; v++) {
            const char *name = spf_breach_kind_name(v);
            CHECK(spf_breach_kind_from_name(name, strlen(name), &value) == SPF_STATUS_OK);
            CHECKF(value == v, "breach kind %u round-trips to %u", (unsigned)v, (unsigned)value);
        }
        CHECK(v == SPF_BREACH_KIND_OTHER + 1);
    }
    {
        SpfEngine *engine = NULL;
        char *answer = SENTINEL_STRING;
        CHECK(spf_engine_new_default(&engine) == SPF_STATUS_OK);
        CHECK(spf_operation_json(engine, "noSuchOperation", 15, LOSS_OF_PASS,
                                 strlen(LOSS_OF_PASS), &answer) == SPF_STATUS_INVALID_INPUT);
        CHECK(answer == SENTINEL_STRING);
        CHECK(spf_operation_json(engine, NULL, 0, LOSS_OF_PASS, strlen(LOSS_OF_PASS), &answer) ==
              SPF_STATUS_NULL_ARGUMENT);
        spf_engine_free(engine);
    }
}

/* ------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
    const char *corpus = argc > 1 ? argv[1] : "tests/corpus";
    const char *quick_env = getenv("SPF_TEST_QUICK");
    int quick = quick_env != NULL && strcmp(quick_env, "1") == 0;
    unsigned long per_thread = quick ? 1000 : 10000;
    unsigned long leak_iterations = quick ? 1000 : 10000;
    SpfEngine *engine = SENTINEL_ENGINE;
    SpfStatus status;

    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("libspf %s%s\n", spf_version(), quick ? " (SPF_TEST_QUICK=1: reduced iterations)" : "");
    test_version_and_names();

    /* Before any call fails there is no error to read. */
    expect_no_error("fresh thread");

    status = spf_engine_new_default(&engine);
    CHECKF(status == SPF_STATUS_OK && engine != NULL && engine != SENTINEL_ENGINE, "%s",
           spf_status_name(status));
    if (status != SPF_STATUS_OK) {
        printf("%lu passed, %lu failed\n", g_passed, g_failed + 1);
        return 1;
    }
    test_json_entry_points(engine);
    test_batch(engine);
    test_stream(engine);
    test_typed_entry_points(engine);
    test_engines_and_policy();
    test_error_reporting(engine);
    test_bad_input(engine);
    test_caller_text_in_messages(engine);
    test_threads(engine, per_thread);
    test_leak_loop(leak_iterations);
    test_enum_names();
    test_corpus(engine, corpus);
    spf_engine_free(engine);

    printf("%lu passed, %lu failed\n", g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}
