/* hr_integration.c: an HR case-management system assessing security breach
 * reports with libspf.
 *
 * Reads breach reports as JSON Lines (one JSON request per line; blank lines are
 * skipped), assesses each with spf_assess_breach_json on one engine, and prints the
 * recommended level, the Security Breach Matrix score and band, the handling
 * route, the flags and every reason with its policy citation. A line the library
 * rejects is reported with its line number and the library's error text, and the
 * others are still processed. Then it shows the typed call, spf_assess_breach,
 * for a fixed report, and tracks one breach case from report to closure with
 * spf_check_case_json: the recommendation recorded when the report is assessed,
 * then each event as the case system records it, and at every step the case's
 * state, what is still missing, the manager's decision against the
 * recommendation and any findings.
 *
 *   hr_integration [REPORTS.jsonl]      (default examples/data/breach-reports.jsonl)
 *
 * Exit status: 0 when every line was assessed and the typed call and the case
 * example ran, 1 when any of them failed, 2 when the file cannot be read or the
 * engine cannot be created.
 *
 * Build (from the repository root, after `cargo build -p spf-ffi --release`):
 *   gcc -std=c99 -Wall -Wextra -Werror -pedantic -I include examples/c/hr_integration.c \
 *       target/release/libspf.a -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc -o hr_integration
 * (tests/c/run.sh works out the exact native libraries for this platform.)
 *
 * The answer is read with spf_scan.h, a few lines of scanning that rely on the
 * answer's documented, fixed shape; no JSON library is needed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spf.h"
#include "example_io.h"
#include "spf_scan.h"

/* The true-or-false flags in the answer's "flags" object, with the words to
 * print. "consultSecurity" is not among them: every answer consults MoJ
 * Security, and its value says how (consult_words). */
static const char *const FLAG_KEYS[][2] = {
    {"recordCentrally", "record centrally"},
    {"breachNoticeMayBeIssued", "breach notice may be issued"},
    {"reportToStrapso", "report to STRAPSO"},
    {"policeMayBeInvolved", "police may be involved"},
    {"contractMayBeCancelled", "contract may be cancelled"},
    {"managerDecisionRequired", "manager decides"},
    {"informInformationAssetOwner", "tell the Information Asset Owner"},
    {"informDataProtectionTeam", "tell the data protection team"},
    {"escalateToSiro", "escalate to the SIRO"},
};

/* The same flags as SPF_FLAG_* bits, for the typed call. */
static const unsigned FLAG_BITS[] = {
    SPF_FLAG_RECORD_CENTRALLY,          SPF_FLAG_BREACH_NOTICE_MAY_BE_ISSUED,
    SPF_FLAG_REPORT_TO_STRAPSO,         SPF_FLAG_POLICE_MAY_BE_INVOLVED,
    SPF_FLAG_CONTRACT_MAY_BE_CANCELLED, SPF_FLAG_MANAGER_DECISION_REQUIRED,
    SPF_FLAG_INFORM_INFORMATION_ASSET_OWNER, SPF_FLAG_INFORM_DATA_PROTECTION_TEAM,
    SPF_FLAG_ESCALATE_TO_SIRO,
};

#define FLAG_COUNT (sizeof FLAG_BITS / sizeof FLAG_BITS[0])

/* How to consult MoJ Security: every band consults, before acting from amber. */
static const char *consult_words(int before_acting)
{
    return before_acting ? "consult MoJ Security before acting"
                         : "consult MoJ Security about the circumstances";
}

static const char *route_words(const char *route)
{
    if (strcmp(route, "mojDisciplinaryPolicy") == 0) return "the MoJ Disciplinary Policy";
    if (strcmp(route, "hmppsDisciplinaryPolicy") == 0) return "the HMPPS disciplinary policy";
    if (strcmp(route, "probationPolicy") == 0) return "the probation policy";
    if (strcmp(route, "contractManagement") == 0) return "contract management";
    if (strcmp(route, "ministerialCode") == 0) return "the Ministerial Code (the Prime Minister)";
    if (strcmp(route, "specialAdviserCode") == 0) return "the Code of Conduct for Special Advisers";
    if (strcmp(route, "judicialConduct") == 0) return "the judicial conduct arrangements";
    if (strcmp(route, "armsLengthBodyArrangements") == 0) return "the body's own arrangements";
    if (strcmp(route, "responsibleBodyReferral") == 0) return "referral to the body responsible";
    return route;
}

static void upper(char *text)
{
    for (; *text != '\0'; text++) {
        if (*text >= 'a' && *text <= 'z') {
            *text = (char)(*text - 'a' + 'A');
        }
    }
}

/* Prints one assessment from the library's JSON answer. Returns the level
 * (0 minor, 1 serious, 2 gross) or -1 if the answer could not be read. */
static int print_assessment(unsigned long line, const char *answer)
{
    char reference[128], kind[96], level[32], band[32], route[64], consult[32];
    char explanation[1024], citation[512];
    const char *flags, *reasons, *reason;
    long score = 0;
    size_t i;
    unsigned n = 0;

    if (!scan_string(scan_member(answer, "reference"), reference, sizeof reference)) {
        strcpy(reference, "(no reference)");
    }
    if (!scan_string(scan_member(answer, "kind"), kind, sizeof kind) ||
        !scan_string(scan_member(answer, "level"), level, sizeof level) ||
        !scan_long(scan_member(answer, "score"), &score) ||
        !scan_string(scan_member(answer, "band"), band, sizeof band) ||
        !scan_string(scan_member(answer, "route"), route, sizeof route) ||
        (flags = scan_member(answer, "flags")) == NULL ||
        !scan_string(scan_member(flags, "consultSecurity"), consult, sizeof consult) ||
        (reasons = scan_member(answer, "reasons")) == NULL) {
        fprintf(stderr, "line %lu: unexpected answer shape\n", line);
        return -1;
    }
    upper(level);
    printf("line %lu %s %s\n", line, reference, kind);
    printf("  recommended level: %-8s  matrix score: %ld (%s)\n", level, score, band);
    printf("  route: %s\n", route_words(route));
    printf("  flags: %s", consult_words(strcmp(consult, "beforeActing") == 0));
    for (i = 0; i < FLAG_COUNT; i++) {
        if (scan_true(scan_member(flags, FLAG_KEYS[i][0]))) {
            printf(", %s", FLAG_KEYS[i][1]);
        }
    }
    printf("\n  reasons:\n");
    for (reason = scan_first(reasons); reason != NULL; reason = scan_next(reason)) {
        scan_string(scan_member(reason, "explanation"), explanation, sizeof explanation);
        scan_string(scan_member(reason, "citation"), citation, sizeof citation);
        printf("    %2u. %s\n        [%s]\n", ++n, explanation, citation);
    }
    if (strcmp(level, "MINOR") == 0) return 0;
    if (strcmp(level, "SERIOUS") == 0) return 1;
    if (strcmp(level, "GROSS") == 0) return 2;
    return -1;
}

/* The typed entry point: no JSON at all, for a hot path. The README's example: a
 * SECRET security cabinet left unlocked for the second time in twelve months. */
static int typed_example(const SpfEngine *engine)
{
    static const char *const levels[] = {"MINOR", "SERIOUS", "GROSS"};
    static const char *const bands[] = {"green", "amber", "red", "black"};
    SpfEarlierBreach earlier;
    SpfBreachInput input;
    SpfBreachResult result;
    SpfStatus status;
    size_t i;

    memset(&input, 0, sizeof input);
    input.kind = SPF_BREACH_KIND_SECURITY_CABINET_NOT_LOCKED;
    input.marking = SPF_MARKING_SECRET;
    input.caveats = 0;
    input.care = SPF_CARE_AVOIDABLE_CARELESSNESS;
    input.damage = SPF_DAMAGE_NONE;
    input.previous_warnings = 0;
    earlier.date.year = 2026;
    earlier.date.month = 3;
    earlier.date.day = 2;
    earlier.kind = SPF_BREACH_KIND_SECURITY_CABINET_NOT_LOCKED;
    input.earlier_breaches = &earlier;
    input.earlier_breaches_len = 1;
    input.occurred.year = 2026;
    input.occurred.month = 9;
    input.occurred.day = 14;
    input.person_status = SPF_PERSON_STATUS_EMPLOYEE;
    input.organisation = SPF_ORGANISATION_MOJ;
    input.security_cleared = true;

    status = spf_assess_breach(engine, &input, &result);
    if (status != SPF_STATUS_OK) {
        char *text = example_last_error();
        fprintf(stderr, "typed call failed: %s: %s\n", spf_status_name(status), text ? text : "");
        free(text);
        return 1;
    }
    printf("typed call (SECRET cabinet left unlocked, second time in 12 months):\n");
    printf("  recommended level: %s   matrix score: %u (%s)   %u reason(s)\n",
           result.level <= SPF_LEVEL_GROSS ? levels[result.level] : "?", (unsigned)result.score,
           result.band <= SPF_BAND_BLACK ? bands[result.band] : "?", (unsigned)result.reasons);
    printf("  flags: %s",
           consult_words((result.flags & SPF_FLAG_CONSULT_SECURITY_BEFORE_ACTING) != 0));
    for (i = 0; i < FLAG_COUNT; i++) {
        if (result.flags & FLAG_BITS[i]) {
            printf(", %s", FLAG_KEYS[i][1]);
        }
    }
    printf("\n");
    return 0;
}

/* The report the case below is about: OFFICIAL documents left unsecured,
 * through high carelessness (a serious breach under the MoJ default). */
static const char CASE_REPORT[] =
    "{\"reference\":\"HR-2026-0063\",\"kind\":\"officialDocumentsNotSecured\","
    "\"care\":\"highCarelessness\",\"occurred\":\"2026-09-14\","
    "\"person\":{\"status\":\"employee\",\"organisation\":\"moj\"}}";

/* The case's events, as the case system records them one by one. The manager
 * decides below the recommendation and records why. */
static const char *const CASE_EVENTS[][2] = {
    {"2026-09-15", "{\"event\":\"reported\",\"on\":\"2026-09-15\"}"},
    {"2026-09-16", "{\"event\":\"investigationStarted\",\"on\":\"2026-09-16\"}"},
    {"2026-10-10", "{\"event\":\"decision\",\"on\":\"2026-10-10\",\"level\":\"minor\","
                   "\"action\":\"informal\",\"reason\":\"first breach in 20 years; the "
                   "documents stayed inside a locked building\"}"},
    {"2026-10-12", "{\"event\":\"closed\",\"on\":\"2026-10-12\"}"},
};

#define CASE_EVENT_COUNT (sizeof CASE_EVENTS / sizeof CASE_EVENTS[0])

/* Prints the words of every string in the array `values`, separated by
 * spaces, or `none`. */
static void print_names(const char *values)
{
    char name[64];
    const char *value = scan_first(values);
    if (value == NULL) {
        printf("none");
    }
    for (; value != NULL; value = scan_next(value)) {
        if (scan_string(value, name, sizeof name)) {
            printf("%s%s", name, scan_next(value) != NULL ? " " : "");
        }
    }
}

/* Prints one step of a case check: state, missing events, the decision
 * against the recommendation and the findings' codes. Returns 0, or 1 if the
 * answer could not be read. */
static int print_case_step(const char *date, const char *answer)
{
    char state[32], departure[16], decided[16], recommended[16], code[64];
    const char *decision, *findings, *finding;

    if (!scan_string(scan_member(answer, "state"), state, sizeof state) ||
        (findings = scan_member(answer, "findings")) == NULL) {
        fprintf(stderr, "case: unexpected answer shape\n");
        return 1;
    }
    printf("  %s  %-18s missing: ", date, state);
    print_names(scan_member(answer, "missing"));
    decision = scan_member(answer, "decision");
    if (decision != NULL && scan_string(scan_member(decision, "departure"), departure, sizeof departure) &&
        scan_string(scan_member(decision, "level"), decided, sizeof decided) &&
        scan_string(scan_member(decision, "recommended"), recommended, sizeof recommended)) {
        printf("; decided %s against %s recommended (departure: %s)", decided, recommended,
               departure);
    }
    printf("; findings: ");
    finding = scan_first(findings);
    if (finding == NULL) {
        printf("none");
    }
    for (; finding != NULL; finding = scan_next(finding)) {
        if (scan_string(scan_member(finding, "code"), code, sizeof code)) {
            printf("%s%s", code, scan_next(finding) != NULL ? " " : "");
        }
    }
    printf("\n");
    return 0;
}

/* Tracks one breach case from report to closure: assess the report and record
 * the recommendation with its policy's id and version, then check the case
 * after each event. Returns 0, or 1 if a call failed. */
static int case_example(const SpfEngine *engine)
{
    char policy_id[64], policy_version[32], level[16], recommendation[256];
    char events[1024], request[4096];
    const char *policy;
    char *answer = NULL;
    size_t i, used = 0;
    SpfStatus status;
    int failed = 0;

    status = spf_assess_breach_json(engine, CASE_REPORT, strlen(CASE_REPORT), &answer);
    if (status != SPF_STATUS_OK) {
        char *error = example_last_error();
        fprintf(stderr, "case: the report was refused (%s): %s\n", spf_status_name(status),
                error ? error : "");
        free(error);
        return 1;
    }
    policy = scan_member(answer, "policy");
    if (policy == NULL || !scan_string(scan_member(policy, "id"), policy_id, sizeof policy_id) ||
        !scan_string(scan_member(policy, "version"), policy_version, sizeof policy_version) ||
        !scan_string(scan_member(answer, "level"), level, sizeof level)) {
        spf_string_free(answer);
        fprintf(stderr, "case: unexpected assessment shape\n");
        return 1;
    }
    spf_string_free(answer);
    /* The case system keeps what the assessment answered. */
    snprintf(recommendation, sizeof recommendation,
             "{\"policy\":{\"id\":\"%s\",\"version\":\"%s\"},\"level\":\"%s\"}", policy_id,
             policy_version, level);
    printf("case HR-2026-0063 (OFFICIAL documents not secured), %s recommended under %s %s:\n",
           level, policy_id, policy_version);

    events[0] = '\0';
    for (i = 0; i < CASE_EVENT_COUNT; i++) {
        int written = snprintf(events + used, sizeof events - used, "%s%s", i > 0 ? "," : "",
                               CASE_EVENTS[i][1]);
        if (written < 0 || (size_t)written >= sizeof events - used) {
            fprintf(stderr, "case: events too long\n");
            return 1;
        }
        used += (size_t)written;
        /* Checked as of the day of each event. */
        written = snprintf(request, sizeof request,
                           "{\"asOf\":\"%s\",\"case\":{\"reference\":\"HR-2026-0063\","
                           "\"report\":%s,\"recommendation\":%s,\"events\":[%s]}}",
                           CASE_EVENTS[i][0], CASE_REPORT, recommendation, events);
        if (written < 0 || (size_t)written >= sizeof request) {
            fprintf(stderr, "case: request too long\n");
            return 1;
        }
        status = spf_check_case_json(engine, request, (size_t)written, &answer);
        if (status != SPF_STATUS_OK) {
            char *error = example_last_error();
            fprintf(stderr, "case: check refused (%s): %s\n", spf_status_name(status),
                    error ? error : "");
            free(error);
            return 1;
        }
        failed |= print_case_step(CASE_EVENTS[i][0], answer);
        spf_string_free(answer);
    }
    return failed;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "examples/data/breach-reports.jsonl";
    SpfEngine *engine = NULL;
    SpfStatus status;
    char *text, *line, *end;
    size_t len;
    unsigned long number = 0, assessed = 0, failed = 0, by_level[3] = {0, 0, 0};
    int typed_failed, case_failed;

    if (argc > 2) {
        fprintf(stderr, "usage: %s [REPORTS.jsonl]\n", argv[0]);
        return 2;
    }
    text = example_read_file(path, &len);
    if (text == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        return 2;
    }
    /* One engine for the whole batch: it is immutable and may be shared. */
    status = spf_engine_new_default(&engine);
    if (status != SPF_STATUS_OK) {
        fprintf(stderr, "cannot create the engine: %s\n", spf_status_name(status));
        free(text);
        return 2;
    }
    printf("libspf %s: assessing %s\n\n", spf_version(), path);

    for (line = text; line < text + len; line = end + 1) {
        char *answer = NULL;
        size_t line_len;
        int level;
        end = memchr(line, '\n', (size_t)(text + len - line));
        if (end == NULL) {
            end = text + len;
        }
        number++;
        line_len = (size_t)(end - line);
        if (line_len > 0 && line[line_len - 1] == '\r') {
            line_len--;
        }
        if (strspn(line, " \t\r") >= line_len) {
            continue; /* blank line */
        }
        /* Pointer and length: the line needs no NUL terminator. */
        status = spf_assess_breach_json(engine, line, line_len, &answer);
        if (status != SPF_STATUS_OK) {
            char *error = example_last_error();
            fprintf(stderr, "line %lu: error (%s): %s\n", number, spf_status_name(status),
                    error ? error : "");
            free(error);
            failed++;
            continue;
        }
        level = print_assessment(number, answer);
        spf_string_free(answer);
        if (level < 0) {
            failed++;
            continue;
        }
        by_level[level]++;
        assessed++;
    }
    printf("\n");
    typed_failed = typed_example(engine);
    printf("\n");
    case_failed = case_example(engine);

    printf("\n%lu report(s): %lu assessed (minor %lu, serious %lu, gross %lu), %lu failed\n",
           assessed + failed, assessed, by_level[0], by_level[1], by_level[2], failed);
    spf_engine_free(engine);
    free(text);
    return (failed > 0 || typed_failed || case_failed) ? 1 : 0;
}
