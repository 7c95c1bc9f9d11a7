// treatykb/cli/serve/work_gate.hpp — admission of request handlers to the processor: cpp-httplib
// keeps one thread per open connection (64 by default), and without a bound every one of them
// computes at once on a machine of two cores, each page taking 64 times its cost and a re-ingest
// beside the server getting almost nothing. The gate lets `slots` handlers (the number of cores)
// compute at a time; the others wait, and the waiting text pages and searches go first. One
// analysis page (report, power, comparison) may always run beside them, so those are never
// starved. Sending the response happens after the handler, outside the gate.
#pragma once

#include <condition_variable>
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
    void leave(Work work);
    bool analysis_may_enter() const;

    std::mutex mutex_;
    std::condition_variable quick_turn_;
    std::condition_variable analysis_turn_;
    int free_;
    int quick_waiting_ = 0;
    int analysis_waiting_ = 0;
    int analysis_running_ = 0;
};

} // namespace treatykb::cli::serve
