int hcrGeneration(void){return 0;}
