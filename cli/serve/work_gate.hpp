// treatykb/cli/serve/work_gate.hpp — admission of request handlers to the processor: cpp-httplib
// keeps one thread per open connection (64 by default), and without a bound every one of them
// computes at once on a machine of two cores, each page taking 64 times its cost and a re-ingest
// beside the server getting almost nothing. The gate lets `slots` handlers (the number of cores)
// compute at a time; the others wait, and the waiting text pages and searches go first. One
// analysis page (report, power, comparison) may always run beside them, so those are never
// starved. Sending the response happens after the handler, outside the gate.
//
// Within each kind the waiting handlers enter in the order they came (first come, first served),
// and a freed slot is handed to the first in line, never taken by a handler arriving meanwhile:
// with a condition variable alone, a newcomer could overtake a handler woken for the slot, and
// some requests waited many times the mean (docs/performance.md, "the work gate in order").
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>

namespace treatykb::cli::serve {

enum class Work { quick, analysis };

class WorkGate {
  public:
    explicit WorkGate(int slots);
    class Pass {
      public:
        Pass(WorkGate& gate, Work work) : gate_(gate), work_(work) {}
        ~Pass() { gate_.leave(work_); }
        Pass(const Pass&) = delete;
        Pass& operator=(const Pass&) = delete;

      private:
        WorkGate& gate_;
        Work work_;
    };
    // Waits for a slot; the slot is held until the Pass is destroyed.
    [[nodiscard]] Pass enter(Work work);

  private:
    // A handler in line; `admitted` is set (under the mutex) when a slot is handed to it.
    struct Waiter {
        std::condition_variable turn;
        bool admitted = false;
    };
    void leave(Work work);
    // Hands free slots to the first in line, text pages first (see above).
    void admit_waiting();
    bool analysis_may_run() const;

    std::mutex mutex_;
    int free_;
    int analysis_running_ = 0;
    std::deque<Waiter*> quick_line_;
    std::deque<Waiter*> analysis_line_;
};

} // namespace treatykb::cli::serve
