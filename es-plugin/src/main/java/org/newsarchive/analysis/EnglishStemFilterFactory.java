package org.newsarchive.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * The archive's English stemmer: Lucene's KStem, a dictionary-backed stemmer that conflates inflections
 * ("denied", "denies", "deny") without Porter's over-stemming of names and news terms (see BENCHMARKS.md).
 * Each word is indexed in its original form and, when different, its stem at the same position, so an exact
 * form scores higher than a mere variant; keyword tokens (see ProperNounMarkerFilterFactory) are not stemmed.
 * Expects lower-cased input.
 */
@NamedComponent("newsarchive_english_stem")
public class EnglishStemFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new RemoveDuplicatesTokenFilter(new KStemFilter(new KeepOriginalFilter(tokenStream)));
    }
}
