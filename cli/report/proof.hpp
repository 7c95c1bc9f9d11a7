// Proof trees and defeasible conflicts as indented text and as JSON: what `treatykb explain`
// prints and what the tidy JSON and the reports embed.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "engine/datalog/model.hpp"

namespace treatykb::cli {

std::string render_proof_text(const engine::ProofNode& proof);
nlohmann::json proof_json(const engine::ProofNode& proof);
std::string render_conflict_text(const engine::Conflict& conflict);
nlohmann::json conflict_json(const engine::Conflict& conflict);

}  // namespace treatykb::cli
