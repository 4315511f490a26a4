/* placeholder; replaced by the ascendctl implementation */
#include "config.h"
#include "ascend-database.h"
int main (int argc, char **argv) { return 0; }
