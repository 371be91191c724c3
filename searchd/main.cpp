#include <cstdio>
int main() { std::puts("dossier-searchd: not built yet"); return 2; }
