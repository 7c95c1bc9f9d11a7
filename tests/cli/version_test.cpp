#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

TEST_CASE("The built program answers --version") {
    std::string command = std::string(TREATYKB_BINARY) + " --version";
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[256];
    std::string out;
    while (fgets(buffer, sizeof buffer, pipe)) out += buffer;
    CHECK(pclose(pipe) == 0);
    CHECK(out.find("treatykb 0.1.0") != std::string::npos);
}
