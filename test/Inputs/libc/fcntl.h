// Mock <fcntl.h>.
#pragma once
#include <unistd.h>
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 64
