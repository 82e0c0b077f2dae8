/* estates.c: an estates system's daily counter-terrorism protective-security
 * report with libspf.
 *
 * Reads the site records (a JSON array, the whole file), asks spf_portfolio_json
 * for the portfolio report at a national threat level on a date, and prints the
 * overdue, due and due-soon obligations as a table (with each site's name, looked
 * up in the input), the counts, and any rejected site record. A summary line uses
 * the typed calls spf_response_level and spf_ct_plan_test_status.
 *
 *   estates [THREAT [AS_OF [SITES.json]]]
 *     THREAT  low | moderate | substantial | severe | critical  (default substantial)
 *     AS_OF   YYYY-MM-DD                                          (default 2026-11-23)
 *     SITES   a JSON array of site records        (default examples/data/sites.json)
 *
 * Exit status: 0 on success (rejected site records are listed, not fatal), 1 when
 * the library rejects the request, 2 for usage errors or an unreadable file.
 *
 * Build (from the repository root, after `cargo build -p spf-ffi --release`):
 *   gcc -std=c99 -Wall -Wextra -Werror -pedantic -I include examples/c/estates.c \
 *       target/release/libspf.a -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc -o estates
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spf.h"
#include "example_io.h"
#include "spf_scan.h"

static const char *const THREATS[] = {"low", "moderate", "substantial", "severe", "critical"};
static const char *const RESPONSES[] = {"NORMAL", "HEIGHTENED", "EXCEPTIONAL"};
static const char *const TIERS[] = {"low", "moderate", "high"};
static const char *const COUNTED[] = {"ctPlanTest", "riskAssessment", "tierReassessment",
                                      "exceptionalReview"};
static const char *const STATUSES[] = {"ok", "dueSoon", "due", "overdue", "neverDone"};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* "YYYY-MM-DD" to an SpfDate; the library checks it is a real date. */
static int parse_date(const char *text, SpfDate *out)
{
    int year;
    unsigned month, day;
    char extra;
    if (strlen(text) != 10 || sscanf(text, "%4d-%2u-%2u%c", &year, &month, &day, &extra) != 3) {
        return 0;
    }
    out->year = year;
    out->month = month;
    out->day = day;
    return 1;
}

/* The name of the site with `id` in the input array, or "?" if not found. */
static void site_name(const char *sites, const char *id, char *name, size_t size)
{
    const char *site;
    char this_id[128];
    for (site = scan_first(sites); site != NULL; site = scan_next(site)) {
        if (scan_string(scan_member(site, "id"), this_id, sizeof this_id) &&
            strcmp(this_id, id) == 0 && scan_string(scan_member(site, "name"), name, size)) {
            return;
        }
    }
    snprintf(name, size, "?");
}

/* Prints the rows of one of the answer's lists; returns how many. */
static unsigned print_rows(const char *answer, const char *list, const char *label,
                           const char *sites)
{
    const char *entry;
    char date[16], id[128], obligation[64], name[160];
    unsigned rows = 0;
    for (entry = scan_first(scan_member(answer, list)); entry != NULL; entry = scan_next(entry)) {
        scan_string(scan_member(entry, "date"), date, sizeof date);
        scan_string(scan_member(entry, "siteId"), id, sizeof id);
        scan_string(scan_member(entry, "obligation"), obligation, sizeof obligation);
        site_name(sites, id, name, sizeof name);
        printf("%-9s %-10s  %-13s %-17s %s\n", label, date, id, obligation, name);
        rows++;
    }
    return rows;
}

static long count_of(const char *object, const char *key)
{
    long value = 0;
    if (!scan_long(scan_member(object, key), &value)) {
        return -1;
    }
    return value;
}

int main(int argc, char **argv)
{
    const char *threat = argc > 1 ? argv[1] : "substantial";
    const char *as_of_text = argc > 2 ? argv[2] : "2026-11-23";
    const char *path = argc > 3 ? argv[3] : "examples/data/sites.json";
    static const char head[] = "{\"asOf\":\"%s\",\"threatLevel\":\"%s\",\"sites\":";
    SpfEngine *engine = NULL;
    SpfStatus status;
    SpfDate as_of;
    SpfResponseLevel response;
    char *sites, *request, *answer = NULL;
    const char *counts, *entry;
    size_t sites_len, request_len;
    uint32_t threat_value = 0;
    size_t i, j;
    unsigned rows = 0;
    long total = 0;
    int exit_code = 0;

    if (argc > 4) {
        fprintf(stderr, "usage: %s [THREAT [AS_OF [SITES.json]]]\n", argv[0]);
        return 2;
    }
    for (i = 0; i < COUNT_OF(THREATS) && strcmp(threat, THREATS[i]) != 0; i++) {
    }
    if (i == COUNT_OF(THREATS)) {
        fprintf(stderr, "unknown threat level `%s` (low, moderate, substantial, severe, critical)\n",
                threat);
        return 2;
    }
    threat_value = (uint32_t)i;
    if (!parse_date(as_of_text, &as_of)) {
        fprintf(stderr, "the date must be written YYYY-MM-DD, not `%s`\n", as_of_text);
        return 2;
    }
    sites = example_read_file(path, &sites_len);
    if (sites == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        return 2;
    }

    /* The portfolio request wraps the file's array as it is. */
    request_len = sizeof head + strlen(as_of_text) + strlen(threat) + sites_len + 2;
    request = malloc(request_len);
    if (request == NULL) {
        free(sites);
        return 2;
    }
    snprintf(request, request_len, head, as_of_text, threat);
    strcat(request, sites);
    strcat(request, "}");

    if (spf_engine_new_default(&engine) != SPF_STATUS_OK) {
        fprintf(stderr, "cannot create the engine\n");
        free(request);
        free(sites);
        return 2;
    }
    status = spf_portfolio_json(engine, request, strlen(request), &answer);
    free(request);
    if (status != SPF_STATUS_OK) {
        char *text = example_last_error();
        fprintf(stderr, "portfolio request rejected (%s): %s\n", spf_status_name(status),
                text ? text : "");
        free(text);
        spf_engine_free(engine);
        free(sites);
        return 1;
    }

    scan_long(scan_member(answer, "sites"), &total);
    printf("Counter-terrorism protective security: %ld site(s), threat level %s, as of %s\n\n",
           total, threat, as_of_text);
    printf("%-9s %-10s  %-13s %-17s %s\n", "STATUS", "DUE ON", "SITE", "OBLIGATION", "NAME");
    rows += print_rows(answer, "overdue", "OVERDUE", sites);
    rows += print_rows(answer, "due", "DUE", sites);
    rows += print_rows(answer, "dueSoon", "DUE SOON", sites);
    printf("%u obligation(s) overdue, due or due soon\n\n", rows);

    counts = scan_member(answer, "counts");
    printf("Counts\n  by tier:           low %ld, moderate %ld, high %ld\n",
           count_of(scan_member(counts, "byTier"), "low"),
           count_of(scan_member(counts, "byTier"), "moderate"),
           count_of(scan_member(counts, "byTier"), "high"));
    printf("  by response level: normal %ld, heightened %ld, exceptional %ld\n",
           count_of(scan_member(counts, "byResponseLevel"), "normal"),
           count_of(scan_member(counts, "byResponseLevel"), "heightened"),
           count_of(scan_member(counts, "byResponseLevel"), "exceptional"));
    for (i = 0; i < COUNT_OF(COUNTED); i++) {
        const char *row = scan_member(counts, COUNTED[i]);
        if (row == NULL) {
            continue;
        }
        printf("  %-18s", COUNTED[i]);
        for (j = 0; j < COUNT_OF(STATUSES); j++) {
            printf("%s %s %ld", j ? "," : "", STATUSES[j], count_of(row, STATUSES[j]));
        }
        printf("\n");
    }

    /* A bad site record is listed, not fatal. */
    for (entry = scan_first(scan_member(answer, "rejected")); entry != NULL;
         entry = scan_next(entry)) {
        long index = -1;
        char code[64], message[512];
        const char *error = scan_member(entry, "error");
        scan_long(scan_member(entry, "index"), &index);
        scan_string(scan_member(error, "code"), code, sizeof code);
        scan_string(scan_member(error, "message"), message, sizeof message);
        printf("  rejected site record %ld: %s: %s\n", index, code, message);
    }
    spf_string_free(answer);

    /* The typed calls: the response level in force, and when a CT-plan test done
     * today next falls due for each tier. */
    status = spf_response_level(engine, threat_value, &response);
    if (status != SPF_STATUS_OK) {
        char *text = example_last_error();
        fprintf(stderr, "spf_response_level: %s\n", text ? text : spf_status_name(status));
        free(text);
        exit_code = 1;
    } else {
        printf("\nSummary: threat level %s gives response level %s; a CT-plan test done on %s "
               "is next due:",
               threat, response <= SPF_RESPONSE_LEVEL_EXCEPTIONAL ? RESPONSES[response] : "?",
               as_of_text);
        for (i = 0; i < COUNT_OF(TIERS); i++) {
            SpfScheduleResult schedule;
            status = spf_ct_plan_test_status(engine, (uint32_t)i, &as_of, as_of, &schedule);
            if (status != SPF_STATUS_OK) {
                char *text = example_last_error();
                fprintf(stderr, "\nspf_ct_plan_test_status: %s\n",
                        text ? text : spf_status_name(status));
                free(text);
                exit_code = 1;
                break;
            }
            printf("%s %s %04d-%02u-%02u", i ? "," : "", TIERS[i], (int)schedule.due_on.year,
                   (unsigned)schedule.due_on.month, (unsigned)schedule.due_on.day);
        }
        printf("\n");
    }

    spf_engine_free(engine);
    free(sites);
    return exit_code;
}
