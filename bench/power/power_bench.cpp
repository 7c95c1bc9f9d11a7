// Times the exact EU-27 Council QMV indices (TEU Art. 16(4): 55 % of members, 65 % of population,
// blocking minority of at least 4) and checks them, in the same process, against the plain
// enumeration of all 2^27 coalitions. Usage: bench_power POPULATION_CSV [REPEATS]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

#include "engine/analysis/power.hpp"
#include "engine/analysis/detail/power_game.hpp"
#include "kb/error.hpp"

using namespace treatykb::power;
using Clock = std::chrono::steady_clock;

namespace {

double milliseconds_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this thread: on a machine shared with other jobs it moves much less than wall time.
double thread_cpu_milliseconds() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

void print_spread(const char* what, std::vector<double> times) {
    std::sort(times.begin(), times.end());
    std::printf("  %s: min %.2f ms, median %.2f ms, max %.2f ms\n", what, times.front(),
                times[times.size() / 2], times.back());
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s POPULATION_CSV [REPEATS]\n", argv[0]);
        return 2;
    }
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 50;
    try {
        const DoubleMajorityRule rule{read_population_table(argv[1]), Rational(55, 100),
                                      Rational(65, 100), QuotaComparison::at_least, 4};
        std::vector<double> times;
        std::vector<double> cpu_times;
        PowerIndices indices;
        for (int round = 0; round < repeats; ++round) {
            const auto start = Clock::now();
            const double cpu_start = thread_cpu_milliseconds();
            indices = compute_power(rule);
            cpu_times.push_back(thread_cpu_milliseconds() - cpu_start);
            times.push_back(milliseconds_since(start));
        }
        std::printf("EU-27 QMV indices (%s), %d runs\n", indices.method.c_str(), repeats);
        print_spread("wall time", times);
        print_spread("thread CPU time", cpu_times);
        std::sort(times.begin(), times.end());
        std::printf("power to act %s = %.6f\n", to_string(indices.power_to_act).c_str(),
                    to_double(indices.power_to_act));

        const auto game = detail::make_game(rule);
        const auto start = Clock::now();
        const auto reference = detail::count_by_enumeration(game);
        const double enumeration_ms = milliseconds_since(start);
        const auto exact = detail::count_by_meet_in_the_middle(game);
        const bool same = exact.winning_coalitions == reference.winning_coalitions &&
                          exact.swings_by_size == reference.swings_by_size;
        std::printf("enumeration of all 2^27 coalitions: %.0f ms; results %s\n", enumeration_ms,
                    same ? "identical" : "DIFFERENT");
        std::printf("speed-up over enumeration (median): %.0fx\n",
                    enumeration_ms / times[times.size() / 2]);
        return same ? 0 : 1;
    } catch (const treatykb::Error& error) {
        std::fprintf(stderr, "%s\n", error.render().c_str());
        return 1;
    }
}
