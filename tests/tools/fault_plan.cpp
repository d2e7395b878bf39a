#include "fault_plan.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace phum::tools {
namespace {

std::uint64_t parseCount(const std::string& text, const std::string& what) {
  try {
    std::size_t used = 0;
    const unsigned long long value = std::stoull(text, &used);
    if (used != text.size() || text.front() == '-') throw std::invalid_argument(text);
    return value;
  } catch (const std::exception&) {
    throw std::invalid_argument(what + " needs a whole number, got '" + text + "'");
  }
}

double parseProbability(const std::string& text) {
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size() && value >= 0 && value <= 1) return value;
  } catch (const std::exception&) {
  }
  throw std::invalid_argument("random needs a probability between 0 and 1, got '" + text + "'");
}

const char* cutName(CutKind kind) {
  switch (kind) {
    case CutKind::Drop:
      return "drop";
    case CutKind::Reset:
      return "reset";
    case CutKind::None:
      break;
  }
  return "none";
}

}  // namespace

FaultPlanner::FaultPlanner(FaultSettings settings) : settings_(settings), random_(settings.seed) {}

ConnectionPlan FaultPlanner::nextConnection() {
  ConnectionPlan plan;
  plan.latency = settings_.latency;
  plan.bytesPerSecond = settings_.bytesPerSecond;
  if (settings_.fixedCut != CutKind::None) {
    plan.cut = settings_.fixedCut;
    plan.cutAfterBytes = settings_.fixedCutAfterBytes;
    if (settings_.fixedCutOnce) settings_.fixedCut = CutKind::None;
  } else {
    plan.randomCuts = settings_.randomCutProbability > 0;
  }
  return plan;
}

WindowPlan FaultPlanner::nextWindow() {
  // Always draw the same numbers per window so that changing the probability does not shift
  // the offsets that later windows get.
  const std::uint64_t roll = random_();
  const std::uint64_t offsetDraw = random_();
  const std::uint64_t kindDraw = random_();
  const std::uint64_t window = std::max<std::uint64_t>(settings_.randomMaxBytes, 1);
  const double chance = static_cast<double>(roll >> 11) / static_cast<double>(1ULL << 53);
  if (chance < settings_.randomCutProbability) {
    return {(kindDraw & 1) ? CutKind::Reset : CutKind::Drop, offsetDraw % (window + 1)};
  }
  return {CutKind::None, window};
}

std::string FaultPlanner::apply(const std::string& commandLine) {
  std::istringstream in(commandLine);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  if (words.empty()) return "error: empty command";
  const std::string& verb = words[0];
  const auto arg = [&](std::size_t index) -> const std::string& {
    if (index >= words.size()) throw std::invalid_argument(verb + " needs an argument");
    return words[index];
  };
  try {
    if (verb == "drop" || verb == "reset") {
      settings_.fixedCut = verb == "drop" ? CutKind::Drop : CutKind::Reset;
      settings_.fixedCutAfterBytes = parseCount(arg(1), verb);
      settings_.fixedCutOnce = words.size() > 2 && words[2] == "once";
    } else if (verb == "delay") {
      settings_.latency = std::chrono::milliseconds(parseCount(arg(1), "delay"));
    } else if (verb == "rate") {
      settings_.bytesPerSecond = parseCount(arg(1), "rate");
    } else if (verb == "trickle") {
      settings_.bytesPerSecond = kTrickleBytesPerSecond;
      settings_.latency = kTrickleLatency;
    } else if (verb == "random") {
      settings_.randomCutProbability = parseProbability(arg(1));
      if (words.size() > 2) settings_.randomMaxBytes = parseCount(words[2], "random max bytes");
    } else if (verb == "seed") {
      settings_.seed = parseCount(arg(1), "seed");
      random_.seed(settings_.seed);
    } else if (verb == "clear") {
      const std::uint64_t seed = settings_.seed;
      settings_ = FaultSettings{};
      settings_.seed = seed;
    } else if (verb != "show") {
      return "error: unknown command '" + verb +
             "' (drop, reset, delay, rate, trickle, random, seed, clear, show, stats)";
    }
  } catch (const std::invalid_argument& e) {
    return std::string("error: ") + e.what();
  }
  return "ok " + describe();
}

std::string FaultPlanner::describe() const {
  std::ostringstream out;
  out << "cut=" << cutName(settings_.fixedCut) << " cut_after=" << settings_.fixedCutAfterBytes
      << (settings_.fixedCutOnce ? " once" : "") << " delay_ms=" << settings_.latency.count()
      << " rate=" << settings_.bytesPerSecond << " random=" << settings_.randomCutProbability
      << " random_max_bytes=" << settings_.randomMaxBytes << " seed=" << settings_.seed;
  return out.str();
}

FaultSettings parseFaultFlags(const std::vector<std::string>& args,
                              std::vector<std::string>& rest) {
  FaultPlanner planner;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& flag = args[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw std::invalid_argument(flag + " needs a value");
      return args[++i];
    };
    std::string command;
    if (flag == "--drop-after") {
      command = "drop " + value();
    } else if (flag == "--reset-after") {
      command = "reset " + value();
    } else if (flag == "--delay") {
      command = "delay " + value();
    } else if (flag == "--rate") {
      command = "rate " + value();
    } else if (flag == "--trickle") {
      command = "trickle";
    } else if (flag == "--random") {
      command = "random " + value();
    } else if (flag == "--random-max-bytes") {
      command = "random " + std::to_string(planner.settings().randomCutProbability) + " " + value();
    } else if (flag == "--seed") {
      command = "seed " + value();
    } else {
      rest.push_back(flag);
      continue;
    }
    const std::string answer = planner.apply(command);
    if (answer.rfind("error: ", 0) == 0)
      throw std::invalid_argument(flag + ": " + answer.substr(7));
  }
  return planner.settings();
}

std::string formatStats(const ProxyStats& stats) {
  std::ostringstream out;
  out << "ok connections=" << stats.connections << " bytes_up=" << stats.bytesUp
      << " bytes_down=" << stats.bytesDown << " cuts=" << stats.cuts;
  return out.str();
}

}  // namespace phum::tools
