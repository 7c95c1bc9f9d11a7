// The web reader's admission gate (cli/serve/work_gate.hpp): at most `slots` handlers compute at
// once, waiting text pages go before a second analysis, an analysis is never starved by a
// stream of text pages, and those waiting enter in the order they came. The threads wait on the
// gate itself; sleeps only give a blocked thread the chance to enter wrongly, and every wait for
// an expected entry is bounded generously.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "cli/serve/work_gate.hpp"

using treatykb::cli::serve::Work;
using treatykb::cli::serve::WorkGate;
using namespace std::chrono_literals;

namespace {

// Enters the gate on another thread and holds the pass until `release` is set.
struct Holder {
    std::atomic<bool> entered{false};
    std::promise<void> release;
    std::thread thread;

    Holder(WorkGate& gate, Work work) {
        std::shared_future<void> go = release.get_future().share();
        thread = std::thread([&gate, work, go, this] {
            auto pass = gate.enter(work);
            entered = true;
            go.wait();
        });
    }
    bool enters_within(std::chrono::milliseconds limit) const {
        auto until = std::chrono::steady_clock::now() + limit;
        while (!entered && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(1ms);
        return entered;
    }
    void finish() {
        release.set_value();
        thread.join();
    }
};

} // namespace

TEST_CASE("The gate lets `slots` handlers compute at once and the next one in when a slot frees") {
    WorkGate gate(2);
    Holder first(gate, Work::quick), second(gate, Work::quick);
    REQUIRE(first.enters_within(5000ms));
    REQUIRE(second.enters_within(5000ms));
    Holder third(gate, Work::quick);
    std::this_thread::sleep_for(50ms);
    CHECK_FALSE(third.entered);  // both slots are held
    first.finish();
    CHECK(third.enters_within(5000ms));
    second.finish();
    third.finish();
}

TEST_CASE("Waiting handlers of one kind enter in the order they came; a newcomer queues behind them") {
    WorkGate gate(1);
    Holder first(gate, Work::quick);
    REQUIRE(first.enters_within(5000ms));
    Holder second(gate, Work::quick);
    std::this_thread::sleep_for(20ms);
    Holder third(gate, Work::quick);
    std::this_thread::sleep_for(20ms);
    first.finish();  // the slot goes to the first in line
    REQUIRE(second.enters_within(5000ms));
    std::this_thread::sleep_for(20ms);
    CHECK_FALSE(third.entered);
    Holder newcomer(gate, Work::quick);  // arrives while the third waits: it queues behind
    std::this_thread::sleep_for(20ms);
    second.finish();
    REQUIRE(third.enters_within(5000ms));
    std::this_thread::sleep_for(20ms);
    CHECK_FALSE(newcomer.entered);
    third.finish();
    CHECK(newcomer.enters_within(5000ms));
    newcomer.finish();
}

TEST_CASE("Many handlers never compute more than `slots` at a time") {
    WorkGate gate(2);
    std::atomic<int> running{0}, most{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 16; ++i)
        threads.emplace_back([&, i] {
            for (int round = 0; round < 20; ++round) {
                auto pass = gate.enter(i % 4 == 0 ? Work::analysis : Work::quick);
                int now = ++running;
                int seen = most.load();
                while (now > seen && !most.compare_exchange_weak(seen, now)) {}
                std::this_thread::sleep_for(100us);
                --running;
            }
        });
    for (auto& thread : threads) thread.join();
    CHECK(most.load() <= 2);
    CHECK(most.load() >= 1);
    CHECK(running.load() == 0);
}

TEST_CASE("Waiting text pages go before a second analysis") {
    WorkGate gate(2);
    Holder analysis(gate, Work::analysis), quick(gate, Work::quick);
    REQUIRE(analysis.enters_within(5000ms));
    REQUIRE(quick.enters_within(5000ms));
    Holder second_analysis(gate, Work::analysis);
    std::this_thread::sleep_for(20ms);
    Holder waiting_quick(gate, Work::quick);
    std::this_thread::sleep_for(20ms);
    quick.finish();  // one slot frees: the text page takes it, the analysis keeps waiting
    CHECK(waiting_quick.enters_within(5000ms));
    std::this_thread::sleep_for(50ms);
    CHECK_FALSE(second_analysis.entered);
    analysis.finish();  // no analysis runs any more: the second one enters
    CHECK(second_analysis.enters_within(5000ms));
    waiting_quick.finish();
    second_analysis.finish();
}

TEST_CASE("An analysis enters while text pages keep coming, when no other analysis runs") {
    WorkGate gate(2);
    std::atomic<bool> stop{false};
    std::vector<std::thread> readers;
    for (int i = 0; i < 6; ++i)
        readers.emplace_back([&] {
            while (!stop) {
                auto pass = gate.enter(Work::quick);
                std::this_thread::sleep_for(200us);
            }
        });
    std::this_thread::sleep_for(20ms);
    Holder analysis(gate, Work::analysis);
    CHECK(analysis.enters_within(10000ms));
    stop = true;
    analysis.finish();
    for (auto& reader : readers) reader.join();
}

TEST_CASE("A gate of zero slots still admits one handler") {
    WorkGate gate(0);
    Holder one(gate, Work::analysis);
    CHECK(one.enters_within(5000ms));
    one.finish();
}
