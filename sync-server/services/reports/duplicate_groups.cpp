#include "services/reports/duplicate_groups.h"

#include <map>

namespace phum::server::reports {

namespace {

// Union-find whose root is always the smallest uuid of its set, so a group's representative
// does not depend on the order the pairs were confirmed in.
class Groups {
 public:
  void join(const std::string& a, const std::string& b) {
    const std::string rootA = find(a), rootB = find(b);
    if (rootA == rootB) return;
    if (rootA < rootB) {
      parent_[rootB] = rootA;
    } else {
      parent_[rootA] = rootB;
    }
  }

  std::string find(const std::string& uuid) {
    auto [at, added] = parent_.try_emplace(uuid, uuid);
    if (at->second == uuid) return uuid;
    const std::string root = find(at->second);
    parent_[uuid] = root;
    return root;
  }

  std::vector<storage::CountedAs> members() {
    std::vector<std::string> uuids;
    for (const auto& [uuid, parent] : parent_) uuids.push_back(uuid);
    std::vector<storage::CountedAs> out;
    for (const auto& uuid : uuids) {
      std::string root = find(uuid);
      if (root != uuid) out.push_back({uuid, std::move(root)});
    }
    return out;
  }

 private:
  std::map<std::string, std::string> parent_;
};

}  // namespace

std::vector<storage::CountedAs> groupsOf(
    const std::vector<std::pair<std::string, std::string>>& confirmedPairs) {
  Groups groups;
  for (const auto& [a, b] : confirmedPairs) groups.join(a, b);
  return groups.members();  // by uuid: the map's order
}

void regroupConfirmedDuplicates(storage::Transaction& tx) {
  auto& reports = tx.reports();
  const auto wanted = groupsOf(reports.confirmedDuplicatePairs());
  std::map<std::string, std::string> kept;
  for (auto& member : reports.countedAs()) kept[member.uuid] = std::move(member.representative);
  for (const auto& member : wanted) {
    const auto found = kept.find(member.uuid);
    if (found == kept.end() || found->second != member.representative) {
      reports.setCountedAs(member);
    }
    if (found != kept.end()) kept.erase(found);
  }
  for (const auto& [uuid, representative] : kept) reports.clearCountedAs(uuid);
}

}  // namespace phum::server::reports
