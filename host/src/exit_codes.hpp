//! Exit statuses of the vanthu command; scripts depend on them, so they never change meaning.
#pragma once

namespace vanthu::host {

enum ExitCode : int {
  exit_ok = 0,             //!< the command did what was asked
  exit_usage = 2,          //!< unknown command or option, missing or extra argument, bad setting
  exit_invalid_input = 3,  //!< the input (or template) is not acceptable; each problem on stderr
  exit_internal = 4,       //!< a plugin, template or I/O failure the user cannot fix by editing input
};

}  // namespace vanthu::host
