// A validator for the subset of JSON Schema (draft 2020-12) that docs/schema/analysis.schema.json
// uses: type (one or several), const, enum, pattern, minLength, minimum, maximum, required,
// properties, additionalProperties: false, items, and $ref to "#/$defs/NAME". Any other keyword
// in the schema is reported as unsupported, so the schema cannot silently outgrow the check.
#pragma once

#include <nlohmann/json.hpp>

#include <regex>
#include <set>
#include <string>
#include <vector>

namespace treatykb::testing {

class SchemaSubset {
  public:
    explicit SchemaSubset(nlohmann::json schema) : root_(std::move(schema)) {}

    // Every violation, as "path: what"; empty when the document is valid.
    std::vector<std::string> validate(const nlohmann::json& document) const {
        std::vector<std::string> errors;
        check(root_, document, "$", errors);
        return errors;
    }

  private:
    static bool has_type(const nlohmann::json& value, const std::string& type) {
        if (type == "null") return value.is_null();
        if (type == "boolean") return value.is_boolean();
        if (type == "integer") return value.is_number_integer();
        if (type == "number") return value.is_number();
        if (type == "string") return value.is_string();
        if (type == "array") return value.is_array();
        if (type == "object") return value.is_object();
        return false;
    }

    void check(const nlohmann::json& schema, const nlohmann::json& value, const std::string& path,
               std::vector<std::string>& errors) const {
        static const std::set<std::string> known{
            "$schema", "$id", "$defs", "title", "description", "type", "const", "enum",
            "pattern", "minLength", "minimum", "maximum", "required", "properties",
            "additionalProperties", "items", "$ref"};
        for (const auto& [keyword, _] : schema.items())
            if (!known.count(keyword)) errors.push_back(path + ": unsupported keyword " + keyword);
        if (schema.contains("$ref")) {
            std::string ref = schema["$ref"];
            const std::string prefix = "#/$defs/";
            if (ref.rfind(prefix, 0) != 0 || !root_["$defs"].contains(ref.substr(prefix.size()))) {
                errors.push_back(path + ": unresolvable $ref " + ref);
                return;
            }
            check(root_["$defs"][ref.substr(prefix.size())], value, path, errors);
        }
        if (schema.contains("type")) {
            std::vector<std::string> types;
            if (schema["type"].is_array())
                for (const auto& type : schema["type"]) types.push_back(type);
            else
                types.push_back(schema["type"]);
            bool ok = false;
            for (const std::string& type : types) ok = ok || has_type(value, type);
            if (!ok) {
                errors.push_back(path + ": " + value.dump() + " is not of type " + schema["type"].dump());
                return;
            }
        }
        if (schema.contains("const") && value != schema["const"])
            errors.push_back(path + ": " + value.dump() + " is not " + schema["const"].dump());
        if (schema.contains("enum")) {
            bool found = false;
            for (const auto& allowed : schema["enum"]) found = found || value == allowed;
            if (!found) errors.push_back(path + ": " + value.dump() + " is not one of " + schema["enum"].dump());
        }
        if (value.is_string()) {
            const std::string& text = value.get_ref<const std::string&>();
            if (schema.contains("pattern") &&
                !std::regex_search(text, std::regex(schema["pattern"].get<std::string>())))
                errors.push_back(path + ": \"" + text + "\" does not match " + schema["pattern"].dump());
            if (schema.contains("minLength") && text.size() < schema["minLength"].get<std::size_t>())
                errors.push_back(path + ": too short");
        }
        if (value.is_number()) {
            double number = value.get<double>();
            if (schema.contains("minimum") && number < schema["minimum"].get<double>())
                errors.push_back(path + ": " + value.dump() + " < minimum " + schema["minimum"].dump());
            if (schema.contains("maximum") && number > schema["maximum"].get<double>())
                errors.push_back(path + ": " + value.dump() + " > maximum " + schema["maximum"].dump());
        }
        if (value.is_object()) {
            if (schema.contains("required"))
                for (const auto& name : schema["required"])
                    if (!value.contains(name.get<std::string>()))
                        errors.push_back(path + ": missing " + name.get<std::string>());
            for (const auto& [name, member] : value.items()) {
                if (schema.contains("properties") && schema["properties"].contains(name))
                    check(schema["properties"][name], member, path + "." + name, errors);
                else if (schema.contains("additionalProperties") && schema["additionalProperties"] == false)
                    errors.push_back(path + ": unexpected member " + name);
            }
        }
        if (value.is_array() && schema.contains("items"))
            for (std::size_t i = 0; i < value.size(); ++i)
                check(schema["items"], value[i], path + "[" + std::to_string(i) + "]", errors);
    }

    nlohmann::json root_;
};

} // namespace treatykb::testing
