#include <iostream>

#include "admin/commands.h"

namespace phum::admin {

// Placeholder until the form engine lands (owner: forms work).
int runFormsCommand(const std::vector<std::string>&) {
  std::cerr << "phum-admin forms: not available yet\n";
  return 2;
}

}  // namespace phum::admin
