#include "cli/serve/work_gate.hpp"

#include <algorithm>

namespace treatykb::cli::serve {

WorkGate::WorkGate(int slots) : free_(std::max(1, slots)) {}

bool WorkGate::analysis_may_enter() const {
    return free_ > 0 && (quick_waiting_ == 0 || analysis_running_ == 0);
}

WorkGate::Pass WorkGate::enter(Work work) {
    std::unique_lock lock(mutex_);
    if (work == Work::quick) {
        ++quick_waiting_;
        quick_turn_.wait(lock, [this] { return free_ > 0; });
        --quick_waiting_;
        --free_;
        // The last quick request in line may leave a slot an analysis was waiting for.
        if (analysis_waiting_ > 0 && analysis_may_enter()) analysis_turn_.notify_one();
    } else {
        ++analysis_waiting_;
        analysis_turn_.wait(lock, [this] { return analysis_may_enter(); });
        --analysis_waiting_;
        --free_;
        ++analysis_running_;
    }
    return Pass(*this, work);
}

void WorkGate::leave(Work work) {
    std::lock_guard lock(mutex_);
    ++free_;
    if (work == Work::analysis) --analysis_running_;
    if (quick_waiting_ > 0) quick_turn_.notify_one();
    if (analysis_waiting_ > 0 && analysis_may_enter()) analysis_turn_.notify_one();
}

} // namespace treatykb::cli::serve
