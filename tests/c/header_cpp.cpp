// header_cpp.cpp: include/spf.h from C++.
//
// Compiled with g++ -std=c++17 -Wall -Wextra -Werror (tests/c/run.sh): proves the
// header parses as C++ (extern "C", the enums with a fixed underlying type, the
// structs) and that calls link and behave. Prints "N passed, M failed" last.

#include "spf.h"

#include <cstdio>
#include <cstring>
#include <string>
#include <type_traits>

namespace {

unsigned long passed = 0;
unsigned long failed = 0;

void check(bool ok, const char *what, int line)
{
    if (ok) {
        ++passed;
    } else {
        ++failed;
        std::fprintf(stderr, "FAIL header_cpp.cpp:%d: %s\n", line, what);
    }
}

#define CHECK(cond) check((cond), #cond, __LINE__)

// Owns a string the library returned.
struct SpfString {
    char *text = nullptr;
    ~SpfString() { spf_string_free(text); }
};

// Owns an engine.
struct Engine {
    SpfEngine *engine = nullptr;
    ~Engine() { spf_engine_free(engine); }
};

} // namespace

// In C++ the header's enums are real enum types of 32 bits.
static_assert(std::is_same<std::underlying_type<SpfLevel>::type, uint32_t>::value,
              "SpfLevel is 32 bits");
static_assert(sizeof(SpfBand) == 4 && sizeof(SpfRoute) == 4, "enums are 32 bits");
static_assert(SPF_STATUS_OK == 0 && SPF_STATUS_NO_ERROR == 9, "status values are fixed");

int main()
{
    Engine engine;
    CHECK(spf_engine_new_default(&engine.engine) == SPF_STATUS_OK);
    CHECK(engine.engine != nullptr);
    if (engine.engine == nullptr) {
        std::printf("%lu passed, %lu failed\n", passed, failed + 1);
        return 1;
    }

    const std::string expected = std::to_string(SPF_VERSION_MAJOR) + "." +
                                 std::to_string(SPF_VERSION_MINOR) + "." +
                                 std::to_string(SPF_VERSION_PATCH);
    CHECK(expected == spf_version());
    CHECK(std::strcmp(spf_status_name(SPF_STATUS_INVALID_JSON), "SPF_STATUS_INVALID_JSON") == 0);

    // Typed call: a SECRET cabinet left unlocked for the second time in a year.
    SpfEarlierBreach earlier{};
    earlier.date = SpfDate{2026, 3, 2};
    earlier.kind = SPF_BREACH_KIND_SECURITY_CABINET_NOT_LOCKED;
    SpfBreachInput input{};
    input.kind = SPF_BREACH_KIND_SECURITY_CABINET_NOT_LOCKED;
    input.marking = SPF_MARKING_SECRET;
    input.care = SPF_CARE_AVOIDABLE_CARELESSNESS;
    input.damage = SPF_DAMAGE_NONE;
    input.earlier_breaches = &earlier;
    input.earlier_breaches_len = 1;
    input.occurred = SpfDate{2026, 9, 14};
    input.person_status = SPF_PERSON_STATUS_EMPLOYEE;
    input.organisation = SPF_ORGANISATION_MOJ;
    input.security_cleared = true;
    SpfBreachResult result{};
    CHECK(spf_assess_breach(engine.engine, &input, &result) == SPF_STATUS_OK);
    CHECK(result.level == SPF_LEVEL_GROSS);
    CHECK(result.score == 6);
    CHECK(result.band == SPF_BAND_RED);
    CHECK(result.route == SPF_ROUTE_MOJ_DISCIPLINARY_POLICY);
    CHECK((result.flags & SPF_FLAG_CONSULT_SECURITY) != 0);

    SpfResponseLevel response{};
    CHECK(spf_response_level(engine.engine, SPF_THREAT_LEVEL_SEVERE, &response) == SPF_STATUS_OK);
    CHECK(response == SPF_RESPONSE_LEVEL_HEIGHTENED);

    // JSON call.
    const std::string request =
        R"({"kind":"lossOfPass","care":"avoidableCarelessness","occurred":"2026-01-07",)"
        R"("person":{"status":"employee","organisation":"moj"}})";
    {
        SpfString answer;
        CHECK(spf_assess_breach_json(engine.engine, request.data(), request.size(), &answer.text) ==
              SPF_STATUS_OK);
        const std::string text = answer.text != nullptr ? answer.text : "";
        CHECK(text.find(R"("level":"minor")") != std::string::npos);
    }

    // An error, read both ways.
    {
        SpfString answer;
        const std::string bad = R"({"kind":"lostPass"})";
        CHECK(spf_assess_breach_json(engine.engine, bad.data(), bad.size(), &answer.text) ==
              SPF_STATUS_INVALID_INPUT);
        CHECK(answer.text == nullptr);
        size_t needed = 0;
        CHECK(spf_last_error_message(nullptr, 0, &needed) == SPF_STATUS_BUFFER_TOO_SMALL);
        std::string message(needed, '\0');
        CHECK(spf_last_error_message(&message[0], message.size(), nullptr) == SPF_STATUS_OK);
        CHECK(message.find("unknown value `lostPass` for `kind`; did you mean `lossOfPass`?") != std::string::npos);
        SpfString document;
        CHECK(spf_last_error_json(&document.text) == SPF_STATUS_OK);
        CHECK(document.text != nullptr &&
              std::strstr(document.text, R"("code":"unknownValue")") != nullptr);
    }

    spf_string_free(nullptr);
    spf_engine_free(nullptr);

    std::printf("%lu passed, %lu failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
