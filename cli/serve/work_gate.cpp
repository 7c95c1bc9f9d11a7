#include "cli/serve/work_gate.hpp"

#include <algorithm>

namespace treatykb::cli::serve {

WorkGate::WorkGate(int slots) : free_(std::max(1, slots)) {}

// An analysis may take a free slot when no text page waits, or when no other analysis runs.
bool WorkGate::analysis_may_run() const {
    return free_ > 0 && (quick_line_.empty() || analysis_running_ == 0);
}

WorkGate::Pass WorkGate::enter(Work work) {
    std::unique_lock lock(mutex_);
    std::deque<Waiter*>& line = work == Work::quick ? quick_line_ : analysis_line_;
    const bool may_run = work == Work::quick ? free_ > 0 : analysis_may_run();
    if (line.empty() && may_run) {
        --free_;
        if (work == Work::analysis) ++analysis_running_;
        return Pass(*this, work);
    }
    Waiter waiter;
    line.push_back(&waiter);
    // admit_waiting() took the slot for this handler and removed it from the line.
    waiter.turn.wait(lock, [&waiter] { return waiter.admitted; });
    return Pass(*this, work);
}

void WorkGate::admit_waiting() {
    while (free_ > 0) {
        std::deque<Waiter*>* line = nullptr;
        if (!analysis_line_.empty() && analysis_may_run())
            line = &analysis_line_;
        else if (!quick_line_.empty())
            line = &quick_line_;
        else
            break;
        Waiter* first = line->front();
        line->pop_front();
        --free_;
        if (line == &analysis_line_) ++analysis_running_;
        first->admitted = true;
        first->turn.notify_one();
    }
}

void WorkGate::leave(Work work) {
    std::lock_guard lock(mutex_);
    ++free_;
    if (work == Work::analysis) --analysis_running_;
    admit_waiting();
}

} // namespace treatykb::cli::serve
