/*
 * exit(n) and returning from main() end in picolibc's _exit(), which hands the code to the
 * board's exit (semihosting on the emulated boards); picolibc's abort() ends here as well.
 */
#include <unistd.h>

#include "board.h"

void _exit(int code)
{
    board_exit(code);
}
