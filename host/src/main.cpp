//! Entry point of the `vanthu` command (see cli/application.hpp).
#include <signal.h>

#include <exception>
#include <iostream>

#include "cli/application.hpp"
#include "exit_codes.hpp"

int main(int argc, char** argv) {
  // A client that hangs up, or a closed stdout pipe, is an error to report, not a reason to die.
  ::signal(SIGPIPE, SIG_IGN);
  try {
    vanthu::host::VanthuApplication application;
    return application.run_command_line(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "vanthu: lỗi nội bộ: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "vanthu: lỗi nội bộ không rõ nguyên nhân\n";
  }
  return vanthu::host::exit_internal;
}
