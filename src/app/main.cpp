// The bgt executable: everything lives in app/cli.h so tests can run it in-process.
#include <iostream>

#include "app/cli.h"

int main(int argc, char** argv) {
  return bgt::app::Run(argc, argv,
                       bgt::app::Io{std::cout, std::cerr, bgt::config::ProcessEnvironment()});
}
