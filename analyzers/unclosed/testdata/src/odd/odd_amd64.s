#include "textflag.h"

// func asmOnly(f *os.File) int
TEXT ·asmOnly(SB),NOSPLIT,$0-16
	MOVQ $0, ret+8(FP)
	RET
