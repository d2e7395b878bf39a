// Passwords out of connection strings, in every spelling libpq accepts, and nothing else touched.
#include <gtest/gtest.h>

#include "common/redaction.h"

namespace phum::server {
namespace {

TEST(Redaction, EveryConnectionStringLosesItsPasswordAndNothingElse) {
  const std::pair<const char*, const char*> cases[] = {
      {"postgresql://phum:pa55@db.example:5432/phum", "postgresql://phum:***@db.example:5432/phum"},
      {"postgres://phum:p%40ss@db/phum?sslmode=require",
       "postgres://phum:***@db/phum?sslmode=require"},
      {"postgresql://phum@db/phum", "postgresql://phum@db/phum"},
      {"postgresql://db/phum?user=phum&password=pa55&sslmode=require",
       "postgresql://db/phum?user=phum&password=***&sslmode=require"},
      {"host=db user=phum password=pa55 dbname=phum", "host=db user=phum password=*** dbname=phum"},
      {"host=db password = 'pa ss\\'x' dbname=phum", "host=db password = *** dbname=phum"},
      {"cannot connect to PostgreSQL (postgresql://u:pw@h:1/d): connection refused",
       "cannot connect to PostgreSQL (postgresql://u:***@h:1/d): connection refused"},
      {"listening on http://127.0.0.1:8470", "listening on http://127.0.0.1:8470"},
      {"the password for 'sokha' must have at least 8 characters",
       "the password for 'sokha' must have at least 8 characters"},
  };
  for (const auto& [text, redacted] : cases) {
    EXPECT_EQ(redactConnectionStrings(text), redacted) << text;
  }
}

TEST(Redaction, ARememberedPasswordIsBlankedWhereverItAppears) {
  rememberSecretsOf("postgresql://phum:Secret%2Fpw@db/phum");
  EXPECT_EQ(redactSecrets("libpq said: Secret/pw was refused, and so was Secret%2Fpw"),
            "libpq said: *** was refused, and so was ***");
  EXPECT_EQ(redactSecrets("nothing to hide here"), "nothing to hide here");
}

}  // namespace
}  // namespace phum::server
