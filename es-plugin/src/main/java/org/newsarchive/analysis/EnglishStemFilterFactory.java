package org.newsarchive.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.KStemFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * The archive's English stemmer: Lucene's KStem, a dictionary-backed stemmer that conflates inflections
 * ("denied", "denies", "deny") without Porter's over-stemming of names and news terms (see BENCHMARKS.md).
 * Expects lower-cased input.
 */
@NamedComponent("newsarchive_english_stem")
public class EnglishStemFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new KStemFilter(tokenStream);
    }
}
